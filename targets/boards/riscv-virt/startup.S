/*
 * QEMU riscv32 virt: reset entry and trap entry. With -bios none QEMU's reset ROM jumps to
 * 0x80000000, where link.ld puts _start (section .text.tflc_start); the hart is in M-mode with no
 * stack, interrupts off.
 */
    .option arch, +zicsr

    .section .text.tflc_start, "ax"
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax             /* gp itself cannot be reached from gp */
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, tflc_trap_entry      /* direct mode: every trap lands there */
    csrw mtvec, t0
    tail tflc_crt_start
    .size _start, . - _start

/*
 * Every trap is unexpected (nothing enables interrupts): report it and exit with status 122, or 123
 * for a stack overflow. A stack pointer within 160 bytes of the stack's floor means the stack ran
 * into its guard: restart from the top of the stack so that the report can run.
 */
    .text
    .balign 4
    .globl tflc_trap_entry
    .type tflc_trap_entry, @function
tflc_trap_entry:
    mv a0, sp
    mv a1, ra
    la t0, __stack_limit + 160
    bgeu sp, t0, 1f
    la sp, __stack_top
1:
    tail tflc_trap_report       /* (sp at the trap, ra at the trap): does not return */
    .size tflc_trap_entry, . - tflc_trap_entry
