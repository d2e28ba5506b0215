/*
 * QEMU riscv32 virt board support for the tflc runner (runner.c): what crt.c and uart.c provide.
 * Unlike the Arm boards (../common/, semihosting), this board has no host file access: run-on-board
 * compiles the input bytes into the firmware (tflc_input.c, generated) and reads the outputs back
 * from the UART, where the runner writes them as hex lines.
 */
#ifndef TFLC_RISCV_VIRT_H
#define TFLC_RISCV_VIRT_H

#include <stdint.h>

#define TFLC_BOARD_NAME "riscv-virt"

/* Status codes of the firmware besides model_invoke's own result (as on the Arm boards). */
#define TFLC_EXIT_INPUT_ERROR 120
#define TFLC_EXIT_OUTPUT_ERROR 121
#define TFLC_EXIT_FAULT 122
#define TFLC_EXIT_STACK_OVERFLOW 123 /* the lowest 32 bytes of the stack are a guard that faults */

/* crt.c: reset to main (gp, sp, trap vector, .data, .bss, tp, stack guard and paint), exit. */
void tflc_crt_start(void) __attribute__((noreturn));
/* Ends QEMU through the SiFive test device, with `status` as its 8-bit exit status. */
void tflc_exit(int status) __attribute__((noreturn));
/* Stack bytes used so far (high-water mark of the painted stack); -1 if it reached the guard. */
#include "stack_watch.h" /* tflc_stack_used() */
/* Instructions retired (minstret/minstreth). Under QEMU -icount shift=0 it reads virtual time in
 * ns, which is the same count: one instruction, one ns. */
uint64_t tflc_instret(void);

/* uart.c: the 16550 UART 0 (QEMU's serial0) under ../uart/uart_console.h's console. */
#include "uart_console.h"

#endif
