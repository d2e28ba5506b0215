/* QEMU mps2-an505: the IoT Kit's CMSDK APB timer0, Secure alias 0x50000000, clocked at the 20 MHz
 * MAINCLK (one tick = 50 ns = 50 instructions under -icount shift=0). */
#include "board.h"
#include "cmsdk_timer.h"

#define TIMER0 0x50000000u

const struct tflc_board tflc_board = {"mps2-an505", "CMSDK APB timer0 @0x50000000", 20000000u};

void tflc_timer_start(void)
{
    tflc_cmsdk_timer_start(TIMER0);
}

uint32_t tflc_timer_ticks(void)
{
    return tflc_cmsdk_timer_ticks(TIMER0);
}
