/* QEMU riscv32 virt: the 16550 UART at 0x10000000 (serial0), polled: one character (the rest of the
 * console is ../uart/uart_console.c). QEMU transmits whatever is written to THR without any line
 * setup; waiting for THRE keeps the code right on a real 16550 too. */
#include <stdint.h>

#include "riscv_virt.h"

#define UART_THR (*(volatile uint8_t *)0x10000000u)
#define UART_LSR (*(volatile uint8_t *)0x10000005u)
#define UART_LSR_THRE 0x20u

void tflc_uart_putc(char c)
{
    while ((UART_LSR & UART_LSR_THRE) == 0) {
    }
    UART_THR = (uint8_t)c;
}
