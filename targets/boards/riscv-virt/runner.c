/*
 * tflc board runner for QEMU riscv32 virt: one inference of a generated model, the protocol of
 * ../common/runner.c with the UART in place of semihosting files.
 *
 *   1. copies every input tensor's raw bytes, in input order, from tflc_input[] (run-on-board
 *      generates it from its standard input; it must hold exactly the bytes the inputs need),
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
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "riscv_virt.h"

#define OUTPUT_LINE_BYTES 64u

/* Empty markers right around model_invoke(); noinline and with a side effect the compiler keeps. */
__attribute__((noinline)) void tflc_bench_begin(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void tflc_bench_end(void)
{
    __asm__ volatile("" ::: "memory");
}

static int read_inputs(void)
{
    size_t needed = 0;
    size_t at = 0;
    int i;

    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        needed += model_input_bytes(i);
    }
    if (tflc_input_bytes != needed) {
        tflc_uart_puts("tflc: the input has ");
        tflc_uart_put_u64(tflc_input_bytes);
        tflc_uart_puts(" bytes; the inputs need ");
        tflc_uart_put_u64(needed);
        tflc_uart_puts("\n");
        return -1;
    }
    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        size_t bytes = model_input_bytes(i);
        memcpy(model_input(i), tflc_input + at, bytes);
        at += bytes;
    }
    return 0;
}

static void write_outputs(void)
{
    uint32_t total = 0;
    int i;
    for (i = 0; i < MODEL_OUTPUT_COUNT; i++) {
        const unsigned char *bytes = model_output(i);
        size_t size = model_output_bytes(i);
        size_t at;
        for (at = 0; at < size; at++, total++) {
            if (total % OUTPUT_LINE_BYTES == 0) {
                tflc_uart_puts(total == 0 ? "tflc-out: " : "\ntflc-out: ");
                tflc_uart_put_u64(total);
                tflc_uart_puts(" ");
            }
            tflc_uart_put_hex(bytes[at], 2);
        }
    }
    tflc_uart_puts(total == 0 ? "tflc-out-end: " : "\ntflc-out-end: ");
    tflc_uart_put_u64(total);
    tflc_uart_puts("\n");
}

int main(void)
{
    uint64_t start, stop;
    long stack;
    int status;

    model_reset();
    if (read_inputs() != 0) {
        return TFLC_EXIT_INPUT_ERROR;
    }

    start = tflc_instret();
    tflc_bench_begin();
    status = model_invoke();
    tflc_bench_end();
    stop = tflc_instret();

    if (status == 0) {
        write_outputs();
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
