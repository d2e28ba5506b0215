/* QEMU mps2-an505 (Cortex-M33, Secure): vector table (16 system entries + the 140 interrupts QEMU
 * gives the IoT Kit's NVIC) and reset. The stack limit (MSPLIM) is set by tflc_crt_start. */
#include "board.h"

TFLC_VECTOR_TABLE(140, tflc_fault_entry);

void Reset_Handler(void)
{
    tflc_crt_start();
}
