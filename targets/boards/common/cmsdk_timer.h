/*
 * Arm CMSDK APB timer (a 32-bit down-counter clocked by the APB clock), as on the MPS2 FPGA images
 * and in the IoT Kit subsystem. Registers: CTRL +0x0 (bit 0 enable), VALUE +0x4, RELOAD +0x8.
 */
#ifndef TFLC_CMSDK_TIMER_H
#define TFLC_CMSDK_TIMER_H

#include <stdint.h>

#define TFLC_CMSDK_TIMER_REG(base, offset) (*(volatile uint32_t *)((uintptr_t)(base) + (offset)))

/* Free-running from 0xFFFFFFFF, reloading at 0. */
static inline void tflc_cmsdk_timer_start(uintptr_t base)
{
    TFLC_CMSDK_TIMER_REG(base, 0x0) = 0;
    TFLC_CMSDK_TIMER_REG(base, 0x8) = 0xFFFFFFFFu;
    TFLC_CMSDK_TIMER_REG(base, 0x4) = 0xFFFFFFFFu;
    TFLC_CMSDK_TIMER_REG(base, 0x0) = 1;
}

/* Ticks since the start, counting up. */
static inline uint32_t tflc_cmsdk_timer_ticks(uintptr_t base)
{
    return 0xFFFFFFFFu - TFLC_CMSDK_TIMER_REG(base, 0x4);
}

#endif
