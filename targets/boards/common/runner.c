/*
 * tflc board runner: one inference of a generated model on an emulated board.
 *
 *   1. reads every input tensor's raw bytes, in input order, from the host file "tflc_input.bin"
 *      (through semihosting, binary-safe; the file must hold exactly the bytes the inputs need),
 *   2. reads the board's counter around one model_invoke() (with the empty tflc_bench_begin /
 *      tflc_bench_end markers right inside, for tools that count instructions between them),
 *   3. writes every output tensor's raw bytes, in output order, to "tflc_output.bin",
 *   4. prints one line to the semihosting console:
 *        tflc: instructions=<N> resolution=<R> ticks=<T> timer_hz=<H> stack=<S> status=<rc> board=<name>
 *      (cycles=<N> instead of instructions=<N> on a board whose counter counts core cycles),
 *   5. exits with model_invoke()'s result (0 on success), or 120 input error, 121 output error,
 *      122 fault, 123 stack overflow.
 * File names are relative to QEMU's working directory; `-semihosting-config arg=...` arguments of the
 * form in=PATH and out=PATH replace them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "model.h"
#include "semihost.h"

static const char *input_path = "tflc_input.bin";
static const char *output_path = "tflc_output.bin";
static char command_line[512]; /* the in=/out= paths point into it */

/* Empty markers right around model_invoke(); noinline and with a side effect the compiler keeps. */
__attribute__((noinline)) void tflc_bench_begin(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void tflc_bench_end(void)
{
    __asm__ volatile("" ::: "memory");
}

/* Appends text to a line buffer of `size` bytes, keeping it NUL-terminated. */
static void append(char *line, size_t size, const char *text)
{
    size_t used = strlen(line);
    while (*text != '\0' && used + 1 < size) {
        line[used++] = *text++;
    }
    line[used] = '\0';
}

static void append_u64(char *line, size_t size, uint64_t value)
{
    char digits[21];
    append(line, size, tflc_decimal_u64(digits, value));
}

static void append_i64(char *line, size_t size, int64_t value)
{
    if (value < 0) {
        append(line, size, "-");
        append_u64(line, size, (uint64_t)0 - (uint64_t)value);
    } else {
        append_u64(line, size, (uint64_t)value);
    }
}

static void say(const char *a, const char *b, const char *c)
{
    char line[640];
    line[0] = '\0';
    append(line, sizeof line, "tflc: ");
    append(line, sizeof line, a);
    append(line, sizeof line, b);
    append(line, sizeof line, c);
    append(line, sizeof line, "\n");
    tflc_semihost_write0(line);
}

/* Picks in=PATH / out=PATH words out of the semihosting command line, if any. */
static void read_command_line(void)
{
    char *word = command_line;
    if (tflc_semihost_cmdline(command_line, sizeof command_line) != 0) {
        return;
    }
    while (*word != '\0') {
        char *end = word;
        char *next;
        while (*end != '\0' && *end != ' ') {
            end++;
        }
        next = *end == ' ' ? end + 1 : end;
        *end = '\0';
        if (strncmp(word, "in=", 3) == 0 && word[3] != '\0') {
            input_path = word + 3;
        } else if (strncmp(word, "out=", 4) == 0 && word[4] != '\0') {
            output_path = word + 4;
        }
        word = next;
    }
}

static int read_inputs(void)
{
    char count[96];
    size_t needed = 0;
    long length;
    int handle;
    int i;

    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        needed += model_input_bytes(i);
    }
    handle = tflc_semihost_open(input_path, TFLC_SEMIHOST_MODE_READ_BINARY);
    if (handle < 0) {
        say("cannot open input file ", input_path, "");
        return -1;
    }
    length = tflc_semihost_flen(handle);
    if (length < 0 || (unsigned long)length != needed) {
        count[0] = '\0';
        append(count, sizeof count, " has ");
        append_i64(count, sizeof count, length);
        append(count, sizeof count, " bytes; the inputs need ");
        append_u64(count, sizeof count, needed);
        say("input file ", input_path, count);
        tflc_semihost_close(handle);
        return -1;
    }
    for (i = 0; i < MODEL_INPUT_COUNT; i++) {
        size_t bytes = model_input_bytes(i);
        if (tflc_semihost_read(handle, model_input(i), bytes) != bytes) {
            say("short read from ", input_path, "");
            tflc_semihost_close(handle);
            return -1;
        }
    }
    tflc_semihost_close(handle);
    return 0;
}

static int write_outputs(void)
{
    int handle = tflc_semihost_open(output_path, TFLC_SEMIHOST_MODE_WRITE_BINARY);
    int i;
    if (handle < 0) {
        say("cannot create output file ", output_path, "");
        return -1;
    }
    for (i = 0; i < MODEL_OUTPUT_COUNT; i++) {
        size_t bytes = model_output_bytes(i);
        if (tflc_semihost_write(handle, model_output(i), bytes) != bytes) {
            say("short write to ", output_path, "");
            tflc_semihost_close(handle);
            return -1;
        }
    }
    return tflc_semihost_close(handle) == 0 ? 0 : -1;
}

/* Writes a fixed-point value with two decimals: hundredths = value * 100. */
static void append_hundredths(char *line, size_t size, uint64_t hundredths)
{
    append_u64(line, size, hundredths / 100u);
    if (hundredths % 100u != 0) {
        char fraction[4];
        fraction[0] = '.';
        fraction[1] = (char)('0' + (int)(hundredths / 10u % 10u));
        fraction[2] = (char)('0' + (int)(hundredths % 10u));
        fraction[3] = '\0';
        if (fraction[2] == '0') {
            fraction[2] = '\0';
        }
        append(line, size, fraction);
    }
}

int main(void)
{
    char line[256];
    uint32_t start, stop, ticks;
    long stack;
    int status;

    read_command_line();
    model_reset();
    if (read_inputs() != 0) {
        return TFLC_EXIT_INPUT_ERROR;
    }

    tflc_timer_start();
    start = tflc_timer_ticks();
    tflc_bench_begin();
    status = model_invoke();
    tflc_bench_end();
    stop = tflc_timer_ticks();
    ticks = stop - start;

    if (status == 0 && write_outputs() != 0) {
        status = TFLC_EXIT_OUTPUT_ERROR;
    }
    stack = tflc_stack_used();

    line[0] = '\0';
    append(line, sizeof line, "tflc: ");
    if (tflc_board.timer_hz != 0) {
        append(line, sizeof line, "instructions=");
        append_u64(line, sizeof line, (uint64_t)ticks * 1000000000u / tflc_board.timer_hz);
        append(line, sizeof line, " resolution=");
        append_hundredths(line, sizeof line, 100000000000u / tflc_board.timer_hz);
    } else {
        append(line, sizeof line, "cycles=");
        append_u64(line, sizeof line, ticks);
        append(line, sizeof line, " resolution=1");
    }
    append(line, sizeof line, " ticks=");
    append_u64(line, sizeof line, ticks);
    append(line, sizeof line, " timer_hz=");
    append_u64(line, sizeof line, tflc_board.timer_hz);
    append(line, sizeof line, " stack=");
    append_i64(line, sizeof line, stack);
    append(line, sizeof line, " status=");
    append_i64(line, sizeof line, status);
    append(line, sizeof line, " board=");
    append(line, sizeof line, tflc_board.name);
    append(line, sizeof line, "\n");
    tflc_semihost_write0(line);

    if (stack < 0) {
        say("stack overflow (raise it with -Wl,--defsym=TFLC_STACK_SIZE=<bytes>)", "", "");
        if (status == 0) {
            status = TFLC_EXIT_STACK_OVERFLOW;
        }
    }
    return status;
}
