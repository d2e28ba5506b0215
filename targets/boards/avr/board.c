/* QEMU AVR boards (uno, mega2560): USART0, the stack floor and the end of a run. */
#include <stdint.h>

#include <avr/interrupt.h> /* cli() */
#include <avr/io.h>
#include <avr/sleep.h>

#include "avr_board.h"

/* ---- USART0: QEMU transmits whatever is written to UDR0 once the transmitter is on; waiting for
 * UDRE0 keeps the code right on a real part too. */
void tflc_uart_init(void)
{
    UBRR0 = 8; /* 115200 baud at 16 MHz (real parts; QEMU ignores it) */
    UCSR0C = (uint8_t)((1u << UCSZ01) | (1u << UCSZ00)); /* 8N1 */
    UCSR0B = (uint8_t)(1u << TXEN0);
}

void tflc_uart_putc(char c)
{
    while ((UCSR0A & (1u << UDRE0)) == 0) {
    }
    UDR0 = (uint8_t)c;
}

/* ---- stack: from the end of .bss (avr-libc's __heap_start, nothing uses a heap) up to the top of
 * SRAM, where crt1 puts the stack pointer; __stack_top is RAMEND + 1 (run-on-board defines it). */
extern uint8_t __heap_start[];

uint32_t *tflc_stack_floor(void)
{
    uintptr_t floor = ((uintptr_t)__heap_start + 3u) & ~(uintptr_t)3u;
    return (uint32_t *)floor;
}

/* ---- the end of a run */
void tflc_end(int status)
{
    tflc_uart_puts("tflc-end: ");
    tflc_uart_put_i64(status);
    tflc_uart_puts("\n");
    cli();
    for (;;) {
        sleep_cpu();
    }
}
