/*
 * Arm semihosting calls used by the tflc board runner (Arm "Semihosting for AArch32 and AArch64",
 * M-profile trap: BKPT 0xAB with the operation in r0 and a pointer to its argument block in r1).
 * QEMU answers them when started with `-semihosting-config enable=on,target=native`.
 */
#ifndef TFLC_SEMIHOST_H
#define TFLC_SEMIHOST_H

#include <stddef.h>

/* SYS_OPEN modes: the index of the ISO C fopen() mode string. */
#define TFLC_SEMIHOST_MODE_READ_BINARY 1  /* "rb" */
#define TFLC_SEMIHOST_MODE_WRITE_BINARY 5 /* "wb" */

/* Opens a file on the host; returns a handle, or -1. */
int tflc_semihost_open(const char *path, int mode);
/* Closes a handle; returns 0 on success. */
int tflc_semihost_close(int handle);
/* Length of an open file in bytes, or -1. */
long tflc_semihost_flen(int handle);
/* Reads up to len bytes; returns the number of bytes read (less than len only at end of file or on error). */
size_t tflc_semihost_read(int handle, void *buffer, size_t len);
/* Writes len bytes; returns the number of bytes written. */
size_t tflc_semihost_write(int handle, const void *buffer, size_t len);
/* Writes a NUL-terminated string to the debug console (QEMU: its standard error or stdout). */
void tflc_semihost_write0(const char *text);
/* Copies the command line QEMU was given (`-semihosting-config arg=...`, else the kernel path)
 * into buffer, NUL-terminated; returns 0 on success. */
int tflc_semihost_cmdline(char *buffer, size_t len);
/* Ends the emulation with the given process exit status. */
void tflc_semihost_exit(int status) __attribute__((noreturn));

#endif
