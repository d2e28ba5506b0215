/*
 * Common C runtime start for the tflc boards: what happens between reset and main().
 * Linker symbols come from tflc-sections.ld.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "semihost.h"
#include "stack_watch.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_limit[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);

/* The lowest bytes of the stack reserve are a guard: an overflow into them faults (MSPLIM on
 * Armv8-M, a no-access MPU region on Armv7-M) instead of running off the RAM. */
#define STACK_GUARD_BYTES 32u
#define CPACR (*(volatile uint32_t *)0xE000ED88u)
#define MPU_TYPE (*(volatile uint32_t *)0xE000ED90u)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94u)
#define MPU_RNR (*(volatile uint32_t *)0xE000ED98u)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9Cu)
#define MPU_RASR (*(volatile uint32_t *)0xE000EDA0u)

uint32_t *tflc_stack_floor(void)
{
    return __stack_limit + STACK_GUARD_BYTES / sizeof(uint32_t);
}

#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
/* PMSAv7: region 0 = the guard (32 bytes, the linker script aligns the stack to 32), no access,
 * execute-never; PRIVDEFENA keeps the default memory map everywhere else. */
static void guard_stack(void)
{
    if (((MPU_TYPE >> 8) & 0xFFu) == 0) {
        return; /* no MPU */
    }
    MPU_RNR = 0;
    MPU_RBAR = (uint32_t)(uintptr_t)__stack_limit;
    MPU_RASR = (1u << 28) | (0u << 24) | (4u << 1) | 1u; /* XN, AP = none, size 2^(4+1), enable */
    MPU_CTRL = (1u << 2) | 1u;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}
#endif

static uint32_t current_sp(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

void tflc_crt_start(void)
{
    volatile uint32_t *to;
    const volatile uint32_t *from;
    uint32_t sp_now;
    void (**constructor)(void);

#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    /* CP10 and CP11 full access (bits 20..23): the FPU and, on Armv8.1-M, MVE. Must come before any
     * floating-point or vector instruction, including ones the compiler might use below. */
    CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8M_BASE__) || defined(__ARM_ARCH_8_1M_MAIN__)
    /* Armv8-M checks the main stack against MSPLIM in hardware: an overflow faults at once. */
    __asm__ volatile("msr msplim, %0" ::"r"(tflc_stack_floor()));
#elif defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
    guard_stack();
#endif

    /* volatile pointers: the compiler must not turn these loops into memcpy/memset calls. */
    for (to = __data_start, from = __data_load; to < __data_end;) {
        *to++ = *from++;
    }
    for (to = __bss_start; to < __bss_end;) {
        *to++ = 0;
    }
    /* Paint the unused stack so that tflc_stack_used() can find the high-water mark. */
    sp_now = current_sp() - 64u;
    tflc_stack_paint(sp_now);
    for (constructor = __init_array_start; constructor < __init_array_end; constructor++) {
        (*constructor)();
    }
    tflc_semihost_exit(main());
}

/* newlib's exit() and abort() end here. */
void _exit(int status)
{
    tflc_semihost_exit(status);
}

static void put_hex(char *out, uint32_t value)
{
    int i;
    for (i = 7; i >= 0; i--) {
        out[i] = "0123456789abcdef"[value & 0xFu];
        value >>= 4;
    }
}

/* Called by tflc_fault_entry with the main stack pointer, which points to the exception frame
 * (r0-r3, r12, lr, pc, xPSR): the runner never switches to the process stack. NULL when the fault
 * came from a stack overflow (the entry has then moved the stack pointer back to the top). */
void tflc_fault_report(const uint32_t *frame) __attribute__((used, noreturn));
void tflc_fault_report(const uint32_t *frame)
{
    char line[] = "tflc: fault: exception 0x________ pc=0x________ lr=0x________ cfsr=0x________ hfsr=0x________\n";
    uint32_t ipsr;
    uint32_t cfsr = 0, hfsr = 0;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
#if __ARM_ARCH >= 7
    cfsr = *(volatile uint32_t *)0xE000ED28u;
    hfsr = *(volatile uint32_t *)0xE000ED2Cu;
#endif
    put_hex(line + 25, ipsr & 0x1FFu);
    put_hex(line + 39, frame != NULL ? frame[6] : 0);
    put_hex(line + 53, frame != NULL ? frame[5] : 0);
    put_hex(line + 69, cfsr);
    put_hex(line + 85, hfsr);
    if (frame == NULL) {
        tflc_semihost_write0("tflc: fault: stack overflow (raise the stack with -Wl,--defsym=TFLC_STACK_SIZE=<bytes>)\n");
        tflc_semihost_exit(TFLC_EXIT_STACK_OVERFLOW);
    }
    tflc_semihost_write0(line);
    tflc_semihost_exit(TFLC_EXIT_FAULT);
}

/* Plain Thumb code that also assembles for Armv6-M. A stack pointer within 128 bytes of the stack's
 * floor means an overflow: restart from the top of the stack so that the report can run. */
__attribute__((naked)) void tflc_fault_entry(void)
{
    __asm__ volatile("mrs r0, msp\n\t"
                     "ldr r1, =__stack_limit + 160\n\t"
                     "cmp r0, r1\n\t"
                     "bhs 1f\n\t"
                     "ldr r1, =__stack_top\n\t"
                     "mov sp, r1\n\t"
                     "movs r0, #0\n"
                     "1:\n\t"
                     "ldr r1, =tflc_fault_report\n\t"
                     "bx r1\n\t"
                     ".ltorg");
}
