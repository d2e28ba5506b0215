/* QEMU riscv32 virt: the 16550 UART at 0x10000000 (serial0), polled. QEMU transmits whatever is
 * written to THR without any line setup; waiting for THRE keeps the code right on a real 16550 too. */
#include <stdint.h>

#include "riscv_virt.h"

#define UART_THR (*(volatile uint8_t *)0x10000000u)
#define UART_LSR (*(volatile uint8_t *)0x10000005u)
#define UART_LSR_THRE 0x20u

static void put_char(char c)
{
    while ((UART_LSR & UART_LSR_THRE) == 0) {
    }
    UART_THR = (uint8_t)c;
}

void tflc_uart_puts(const char *text)
{
    while (*text != '\0') {
        put_char(*text++);
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
        put_char('-');
        tflc_uart_put_u64((uint64_t)0 - (uint64_t)value);
    } else {
        tflc_uart_put_u64((uint64_t)value);
    }
}

void tflc_uart_put_hex(uint32_t value, int digits)
{
    while (digits-- > 0) {
        put_char("0123456789abcdef"[(value >> (4 * digits)) & 0xFu]);
    }
}
