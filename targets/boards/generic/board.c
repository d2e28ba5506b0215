/*
 * Generic Cortex-M timer: SysTick on the core clock (CLKSOURCE = 1), so one tick is one core cycle
 * on real hardware (timer_hz = 0: the runner reports cycles). SysTick has 24 bits; its interrupt
 * counts the wraps to extend it to 32 bits. Registers: SYST_CSR 0xE000E010 (bit 0 enable, bit 1
 * interrupt, bit 2 core clock), SYST_RVR 0xE000E014 (reload), SYST_CVR 0xE000E018 (current, counts down).
 */
#include "board.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_MAX 0x00FFFFFFu

static volatile uint32_t systick_wraps;

const struct tflc_board tflc_board = {"generic", "SysTick (core clock)", 0u};

void tflc_systick_handler(void)
{
    systick_wraps++;
}

void tflc_timer_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = SYST_MAX;
    SYST_CVR = 0;
    systick_wraps = 0;
    SYST_CSR = 7u;
}

uint32_t tflc_timer_ticks(void)
{
    uint32_t wraps, count;
    do {
        wraps = systick_wraps;
        count = SYST_CVR;
    } while (wraps != systick_wraps);
    return (wraps << 24) + (SYST_MAX - count);
}
