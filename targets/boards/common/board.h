/*
 * What a board folder (targets/boards/<board>/) provides to the common runner and startup code.
 *
 * Each board has: link.ld (its memory map, then INCLUDE tflc-sections.ld), startup.c (its vector
 * table, built with TFLC_VECTOR_TABLE, and Reset_Handler) and board.c (its timer).
 */
#ifndef TFLC_BOARD_H
#define TFLC_BOARD_H

#include <stdint.h>

struct tflc_board {
    const char *name;  /* QEMU machine, e.g. "mps2-an386" */
    const char *timer; /* the counter tflc_timer_ticks() reads, for the report */
    /* Frequency of that counter in Hz. Under QEMU `-icount shift=0` one guest instruction takes
     * exactly 1 ns of virtual time, so instructions = ticks * 1e9 / timer_hz. 0 means the counter
     * counts core clock cycles (real hardware): the runner then reports cycles. */
    uint32_t timer_hz;
};

extern const struct tflc_board tflc_board;

/* Starts the free-running counter. */
void tflc_timer_start(void);
/* Its current value, counting up, modulo 2^32. */
uint32_t tflc_timer_ticks(void);

/* Common startup (crt.c): copies .data, zeroes .bss, enables the FPU / MVE where the build has one,
 * sets the stack limit on ARMv8-M, paints the stack, runs constructors, calls main and exits with its
 * status through semihosting. Each board's Reset_Handler calls it. */
void tflc_crt_start(void) __attribute__((noreturn));
/* Entry for every exception the firmware does not expect: reports it and exits with status 122. */
void tflc_fault_entry(void);
/* Stack bytes used so far (high-water mark of the painted stack); -1 if it reached the guard. */
#include "stack_watch.h" /* tflc_stack_used() */

/* Status codes of the firmware besides model_invoke's own result. */
#define TFLC_EXIT_INPUT_ERROR 120
#define TFLC_EXIT_OUTPUT_ERROR 121
#define TFLC_EXIT_FAULT 122
#define TFLC_EXIT_STACK_OVERFLOW 123 /* the lowest 32 bytes of the stack are a guard that faults */

/* Vector table: initial stack pointer, reset, 14 system exceptions, then irq_count interrupts.
 * Nothing enables interrupts, so every entry but reset (and an optional SysTick handler) reports a
 * fault. Uses GCC's range designators. */
union tflc_vector {
    void (*handler)(void);
    void *stack_top;
};
extern uint32_t __stack_top[];
void Reset_Handler(void);

#define TFLC_VECTOR_TABLE(irq_count, systick)                                                    \
    __attribute__((section(".vectors"), used)) const union tflc_vector tflc_vectors[16 + (irq_count)] = { \
        [0] = {.stack_top = __stack_top},                                                        \
        [1] = {.handler = Reset_Handler},                                                        \
        [2 ... 14] = {.handler = tflc_fault_entry},                                              \
        [15] = {.handler = (systick)},                                                           \
        [16 ... 15 + (irq_count)] = {.handler = tflc_fault_entry},                               \
    }

#endif
