/* The UART console and run protocol shared by riscv-virt and the AVR boards (see uart_console.h). */
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "stack_watch.h" /* tflc_decimal_u64() */
#include "uart_console.h"

#define OUTPUT_LINE_BYTES 64u

void tflc_uart_puts(const char *text)
{
    while (*text != '\0') {
        tflc_uart_putc(*text++);
    }
}

void tflc_uart_put_u64(uint64_t value)
{
    char digits[21];
    tflc_uart_puts(tflc_decimal_u64(digits, value));
}

void tflc_uart_put_i64(int64_t value)
{
    if (value < 0) {
        tflc_uart_putc('-');
        tflc_uart_put_u64((uint64_t)0 - (uint64_t)value);
    } else {
        tflc_uart_put_u64((uint64_t)value);
    }
}

void tflc_uart_put_hex(uint32_t value, int digits)
{
    while (digits-- > 0) {
        tflc_uart_putc("0123456789abcdef"[(value >> (4 * digits)) & 0xFu]);
    }
}

/* noinline and with a side effect the compiler keeps */
__attribute__((noinline)) void tflc_bench_begin(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void tflc_bench_end(void)
{
    __asm__ volatile("" ::: "memory");
}

int tflc_read_inputs(void)
{
    uint32_t needed = 0;
    uint32_t at = 0;
    int i;

    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        needed += model_input_bytes(i);
    }
    if (tflc_input_size() != needed) {
        tflc_uart_puts("tflc: the input has ");
        tflc_uart_put_u64(tflc_input_size());
        tflc_uart_puts(" bytes; the inputs need ");
        tflc_uart_put_u64(needed);
        tflc_uart_puts("\n");
        return -1;
    }
    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        unsigned char *to = model_input(i);
        size_t bytes = model_input_bytes(i);
        size_t k;
        for (k = 0; k < bytes; k++, at++) {
            to[k] = tflc_input_byte(at);
        }
    }
    return 0;
}

void tflc_write_outputs(void)
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
