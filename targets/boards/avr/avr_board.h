/*
 * QEMU AVR boards (`qemu-system-avr -M uno`, ATmega328P, and `-M mega2560`, ATmega2560) for the tflc
 * runner (runner.c): what board.c provides. avr-libc's start-up (crt1, from -mmcu) sets the stack
 * pointer to the top of SRAM, copies .data and clears .bss before main. As on riscv-virt, the input
 * is compiled into the firmware (in flash) and the outputs go to the UART as hex lines; the board
 * cannot end QEMU, so the runner ends with a last line that run-on-board waits for.
 */
#ifndef TFLC_AVR_BOARD_H
#define TFLC_AVR_BOARD_H

#include <stdint.h>

#ifndef TFLC_BOARD_NAME
#error "run-on-board defines TFLC_BOARD_NAME (uno or mega2560)"
#endif

/* Status codes of the firmware besides model_invoke's own result (as on the other boards). */
#define TFLC_EXIT_INPUT_ERROR 120
#define TFLC_EXIT_STACK_OVERFLOW 123 /* the stack reached .bss (no guard: found after the run) */

/* No counter here: QEMU 7.2 aborts ("Bad icount read") when AVR code reads its timers under -icount,
 * so run-on-board counts the instructions from tflc_bench_begin to tflc_bench_end in QEMU's execution
 * log instead (see targets/README.md). */

/* Ends the run: prints `tflc-end: <status>` and stops the CPU (run-on-board then stops QEMU). */
void tflc_end(int status) __attribute__((noreturn));

/* USART0 (QEMU's serial0, run-on-board's standard output), polled, under ../uart/uart_console.h's
 * console (the input, compiled into flash by run-on-board, is read from there too). */
void tflc_uart_init(void);
#include "uart_console.h"

#include "stack_watch.h" /* tflc_stack_paint(), tflc_stack_used(), tflc_decimal_u64() */

#endif
