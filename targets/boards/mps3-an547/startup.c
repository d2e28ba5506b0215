/* QEMU mps3-an547 (Cortex-M55, Secure): vector table (16 system entries + the 144 interrupts QEMU
 * gives the SSE-300's NVIC) and reset. FPU/MVE access and MSPLIM are set by tflc_crt_start. */
#include "board.h"

TFLC_VECTOR_TABLE(144, tflc_fault_entry);

void Reset_Handler(void)
{
    tflc_crt_start();
}
