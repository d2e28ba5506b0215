/*
 * tflc board runner for QEMU riscv32 virt: one inference of a generated model, the protocol of
 * ../common/runner.c with the UART in place of semihosting files (../uart/uart_console.c).
 *
 *   1. copies every input tensor's raw bytes, in input order, from the input run-on-board compiled
 *      in from its standard input (it must hold exactly the bytes the inputs need),
 *   2. reads minstret around one model_invoke() (with the empty tflc_bench_begin / tflc_bench_end
 *      markers right inside, for tools that count instructions between them),
 *   3. on success writes every output tensor's raw bytes, in output order, as lines
 *        tflc-out: <offset> <hex, up to 64 bytes>
 *      then `tflc-out-end: <total bytes>`, which run-on-board turns back into raw bytes,
 *   4. prints the line
 *        tflc: instructions=<N> resolution=1 ticks=<T> timer_hz=1000000000 stack=<S> status=<rc> board=riscv-virt
 *   5. exits with model_invoke()'s result (0 on success), or 120 input error, 122 fault,
 *      123 stack overflow.
 */
#include <stdint.h>

#include "model.h"
#include "riscv_virt.h"

int main(void)
{
    uint64_t start, stop;
    long stack;
    int status;

    model_reset();
    if (tflc_read_inputs() != 0) {
        return TFLC_EXIT_INPUT_ERROR;
    }

    start = tflc_instret();
    tflc_bench_begin();
    status = model_invoke();
    tflc_bench_end();
    stop = tflc_instret();

    if (status == 0) {
        tflc_write_outputs();
    }
    stack = tflc_stack_used();

    tflc_uart_puts("tflc: instructions=");
    tflc_uart_put_u64(stop - start);
    tflc_uart_puts(" resolution=1 ticks=");
    tflc_uart_put_u64(stop - start);
    tflc_uart_puts(" timer_hz=1000000000 stack=");
    tflc_uart_put_i64(stack);
    tflc_uart_puts(" status=");
    tflc_uart_put_i64(status);
    tflc_uart_puts(" board=" TFLC_BOARD_NAME "\n");

    if (stack < 0) {
        tflc_uart_puts("tflc: stack overflow (raise it with -Wl,--defsym=TFLC_STACK_SIZE=<bytes>)\n");
        if (status == 0) {
            status = TFLC_EXIT_STACK_OVERFLOW;
        }
    }
    return status;
}
