/* QEMU mps2-an386: CMSDK APB timer0 at 0x40000000, clocked at the 25 MHz SYSCLK
 * (one tick = 40 ns = 40 instructions under -icount shift=0). */
#include "board.h"
#include "cmsdk_timer.h"

#define TIMER0 0x40000000u

const struct tflc_board tflc_board = {"mps2-an386", "CMSDK APB timer0 @0x40000000", 25000000u};

void tflc_timer_start(void)
{
    tflc_cmsdk_timer_start(TIMER0);
}

uint32_t tflc_timer_ticks(void)
{
    return tflc_cmsdk_timer_ticks(TIMER0);
}
