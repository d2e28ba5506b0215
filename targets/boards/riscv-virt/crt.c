/*
 * C runtime start for QEMU riscv32 virt: what happens between startup.S and main(), the exit through
 * the SiFive test device, the stack guard and the trap report. Linker symbols come from link.ld.
 */
#include <stddef.h>
#include <stdint.h>

#include "riscv_virt.h"
#include "stack_watch.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __tdata_load[], __tdata_start[], __tdata_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];
extern char __tls_base[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);

#define TEST_DEVICE (*(volatile uint32_t *)0x00100000u)
#define TEST_PASS 0x5555u
#define TEST_FAIL 0x3333u /* | (code << 16) */

/* The lowest bytes of the stack reserve are a guard: a locked PMP region without access rights makes
 * an overflow into them fault (in M-mode too) instead of running off the RAM. */
#define STACK_GUARD_BYTES 32u

/* CSR access: the target's -march (rv32imc) leaves out Zicsr, which every RISC-V core with a trap
 * vector has; these lines enable it for themselves. */
#define CSR_READ(csr, out) __asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrr %0, " #csr "\n\t.option pop" : "=r"(out))
#define CSR_WRITE(csr, value) __asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrw " #csr ", %0\n\t.option pop" ::"r"(value) : "memory")

uint32_t *tflc_stack_floor(void)
{
    return __stack_limit + STACK_GUARD_BYTES / sizeof(uint32_t);
}

/* PMP entry 0: NAPOT region of STACK_GUARD_BYTES at __stack_limit (32-byte aligned by link.ld),
 * locked (so it binds M-mode), no R/W/X. Anything no entry matches stays allowed for M-mode. */
static void guard_stack(void)
{
    uint32_t address = ((uint32_t)(uintptr_t)__stack_limit >> 2) | (STACK_GUARD_BYTES / 8u - 1u);
    uint32_t config = 0x80u | 0x18u; /* L, A = NAPOT */
    CSR_WRITE(pmpaddr0, address);
    CSR_WRITE(pmpcfg0, config);
}

void tflc_crt_start(void)
{
    volatile uint32_t *to;
    const volatile uint32_t *from;
    uint32_t sp_now;
    void (**constructor)(void);

    /* volatile pointers: the compiler must not turn these loops into memcpy/memset calls. .tbss and
     * .bss are one block (link.ld). */
    for (to = __data_start, from = __data_load; to < __data_end;) {
        *to++ = *from++;
    }
    for (to = __tdata_start, from = __tdata_load; to < __tdata_end;) {
        *to++ = *from++;
    }
    for (to = __bss_start; to < __bss_end;) {
        *to++ = 0;
    }
    /* picolibc keeps errno thread-local: the one thread's block is .tdata/.tbss in place. */
    __asm__ volatile("mv tp, %0" ::"r"(__tls_base));
    guard_stack();
    /* Paint the unused stack so that tflc_stack_used() can find the high-water mark. */
    __asm__ volatile("mv %0, sp" : "=r"(sp_now));
    sp_now -= 64u;
    tflc_stack_paint(sp_now);
    for (constructor = __init_array_start; constructor < __init_array_end; constructor++) {
        (*constructor)();
    }
    tflc_exit(main());
}

uint64_t tflc_instret(void)
{
    uint32_t high, low, again;
    do {
        CSR_READ(minstreth, high);
        CSR_READ(minstret, low);
        CSR_READ(minstreth, again);
    } while (high != again);
    return ((uint64_t)high << 32) | low;
}

void tflc_exit(int status)
{
    /* A status that is nonzero must stay nonzero in the host's 8-bit exit status. */
    if (status != 0 && (status & 0xff) == 0) {
        status = 1;
    }
    TEST_DEVICE = status == 0 ? TEST_PASS : ((uint32_t)(status & 0xff) << 16) | TEST_FAIL;
    for (;;) {
    }
}

/* picolibc's exit() and abort() end here. */
void _exit(int status)
{
    tflc_exit(status);
}

/* From tflc_trap_entry (startup.S), with sp and ra as they were at the trap; the entry has moved sp
 * back to the top of the stack if it was at the guard. */
void tflc_trap_report(uint32_t sp, uint32_t ra) __attribute__((used, noreturn));
void tflc_trap_report(uint32_t sp, uint32_t ra)
{
    static volatile int reporting;
    uint32_t cause, pc, value;
    uint32_t guard = (uint32_t)(uintptr_t)__stack_limit;
    if (reporting) {
        tflc_exit(TFLC_EXIT_FAULT); /* a trap while reporting one */
    }
    reporting = 1;
    CSR_READ(mcause, cause);
    CSR_READ(mepc, pc);
    CSR_READ(mtval, value);
    /* load/store access fault (5/7) at the guard, or a stack pointer already at it */
    if (((cause == 5u || cause == 7u) && value - guard < STACK_GUARD_BYTES) || sp - guard < 160u) {
        tflc_uart_puts("tflc: fault: stack overflow (raise the stack with -Wl,--defsym=TFLC_STACK_SIZE=<bytes>)\n");
        tflc_exit(TFLC_EXIT_STACK_OVERFLOW);
    }
    tflc_uart_puts("tflc: fault: mcause=0x");
    tflc_uart_put_hex(cause, 8);
    tflc_uart_puts(" mepc=0x");
    tflc_uart_put_hex(pc, 8);
    tflc_uart_puts(" mtval=0x");
    tflc_uart_put_hex(value, 8);
    tflc_uart_puts(" ra=0x");
    tflc_uart_put_hex(ra, 8);
    tflc_uart_puts(" sp=0x");
    tflc_uart_put_hex(sp, 8);
    tflc_uart_puts("\n");
    tflc_exit(TFLC_EXIT_FAULT);
}
