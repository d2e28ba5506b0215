/*
 * QEMU mps3-an547: the SSE-300 system counter, a 64-bit up-counter clocked at 32 MHz
 * (one tick = 31.25 ns = 31.25 instructions under -icount shift=0). Its control frame (CNTCR at
 * +0x0, bit 0 enables counting) is Secure-only at 0x58100000; the read frame at 0x58101000 holds the
 * count (CNTCV low word +0x0, high word +0x4). The low word wraps after 2^32 / 32 MHz = 134 s, that is
 * 134 billion instructions. (The AN547's CMSDK timer runs at 32 kHz and is of no use here.)
 */
#include "board.h"

#define COUNTER_CONTROL_CNTCR (*(volatile uint32_t *)0x58100000u)
#define COUNTER_READ_CNTCV_LO (*(volatile uint32_t *)0x58101000u)

const struct tflc_board tflc_board = {"mps3-an547", "SSE-300 system counter @0x58101000", 32000000u};

void tflc_timer_start(void)
{
    COUNTER_CONTROL_CNTCR |= 1u;
}

uint32_t tflc_timer_ticks(void)
{
    return COUNTER_READ_CNTCV_LO;
}
