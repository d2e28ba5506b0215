/* The stack high-water mark and decimal formatting, shared by every board (see stack_watch.h). */
#include <stddef.h>
#include <stdint.h>

#include "stack_watch.h"

extern uint32_t __stack_top[];

#define STACK_PAINT 0x5A5AA5A5u

void tflc_stack_paint(uint32_t below_sp)
{
    uint32_t *to;
    for (to = tflc_stack_floor(); (uint32_t)(uintptr_t)to < below_sp;) {
        *to++ = STACK_PAINT;
    }
}

long tflc_stack_used(void)
{
    const volatile uint32_t *word = tflc_stack_floor();
    if (*word != STACK_PAINT) {
        return -1;
    }
    while ((uint32_t)(uintptr_t)word < (uint32_t)(uintptr_t)__stack_top && *word == STACK_PAINT) {
        word++;
    }
    return (long)((uint32_t)(uintptr_t)__stack_top - (uint32_t)(uintptr_t)word);
}

char *tflc_decimal_u64(char digits[21], uint64_t value)
{
    int at = 20;
    digits[at] = '\0';
    do {
        digits[--at] = (char)('0' + (int)(value % 10u));
        value /= 10u;
    } while (value != 0);
    return digits + at;
}
