/*
 * tflc board runner for QEMU's AVR boards (uno, mega2560): one inference of a generated model, the
 * protocol of ../riscv-virt/runner.c (../uart/uart_console.c) with an end line in place of an exit
 * device.
 *
 *   1. copies every input tensor's raw bytes, in input order, from the input run-on-board compiled
 *      into flash from its standard input (it must hold exactly the bytes the inputs need),
 *   2. runs one model_invoke() between the empty tflc_bench_begin / tflc_bench_end markers, which
 *      run-on-board finds in QEMU's execution log to count the instructions between them,
 *   3. on success writes every output tensor's raw bytes, in output order, as lines
 *        tflc-out: <offset> <hex, up to 64 bytes>
 *      then `tflc-out-end: <total bytes>`,
 *   4. prints the line
 *        tflc-run: stack=<S> status=<rc> board=<B>
 *      which run-on-board completes with the count into the other boards' `tflc: instructions=...` line,
 *   5. ends with `tflc-end: <status>`: model_invoke()'s result (0 on success), or 120 input error,
 *      123 stack overflow; run-on-board stops QEMU there and exits with that status.
 */
#include <stdint.h>

#include "avr_board.h"
#include "model.h"

int main(void)
{
    long stack;
    int status;

    tflc_uart_init();
    /* Paint the unused stack (below this frame) so that tflc_stack_used() finds the high-water mark. */
    tflc_stack_paint((uint32_t)(uintptr_t)__builtin_frame_address(0) - 32u);
    model_reset();
    if (tflc_read_inputs() != 0) {
        tflc_end(TFLC_EXIT_INPUT_ERROR);
    }

    tflc_bench_begin();
    status = model_invoke();
    tflc_bench_end();

    if (status == 0) {
        tflc_write_outputs();
    }
    stack = tflc_stack_used();

    tflc_uart_puts("tflc-run: stack=");
    tflc_uart_put_i64(stack);
    tflc_uart_puts(" status=");
    tflc_uart_put_i64(status);
    tflc_uart_puts(" board=" TFLC_BOARD_NAME "\n");

    if (stack < 0) {
        tflc_uart_puts("tflc: stack overflow: the stack reached .bss (the arena)\n");
        if (status == 0) {
            status = TFLC_EXIT_STACK_OVERFLOW;
        }
    }
    tflc_end(status);
}
