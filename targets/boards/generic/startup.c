/* Generic Cortex-M (any of v6-M, v7-M, v8-M): vector table with 32 interrupts (all an M0+ can
 * have) and SysTick, which board.c uses as its cycle counter. */
#include "board.h"

void tflc_systick_handler(void);

TFLC_VECTOR_TABLE(32, tflc_systick_handler);

void Reset_Handler(void)
{
    tflc_crt_start();
}
