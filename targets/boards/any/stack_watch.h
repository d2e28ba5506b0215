/*
 * What every board shares, whatever its architecture: the stack high-water mark and decimal
 * numbers for the runner's report line. Each board's crt.c supplies tflc_stack_floor().
 */
#ifndef TFLC_STACK_WATCH_H
#define TFLC_STACK_WATCH_H

#include <stdint.h>

/* The lowest stack word that may be used (above the board's guard bytes). */
uint32_t *tflc_stack_floor(void);
/* Paints the stack from its floor up to below_sp (bytes), for tflc_stack_used(). */
void tflc_stack_paint(uint32_t below_sp);
/* Bytes of stack used since the paint, or -1 if the floor was overwritten. */
long tflc_stack_used(void);
/* Writes value in decimal into digits (21 chars) and returns where the number starts. */
char *tflc_decimal_u64(char digits[21], uint64_t value);

#endif
