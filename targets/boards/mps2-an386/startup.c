/* QEMU mps2-an386 (Cortex-M4F): vector table (16 system entries + the 48 interrupts QEMU gives this board) and reset. */
#include "board.h"

TFLC_VECTOR_TABLE(48, tflc_fault_entry);

void Reset_Handler(void)
{
    tflc_crt_start();
}
