/* Arm semihosting, M-profile flavour: see semihost.h. */
#include "semihost.h"

#include <stdint.h>
#include <string.h>

/* Operation numbers from the semihosting specification. */
enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05,
    SYS_READ = 0x06,
    SYS_FLEN = 0x0C,
    SYS_GET_CMDLINE = 0x15,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20
};

/* Reason codes for SYS_EXIT / SYS_EXIT_EXTENDED. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

static uintptr_t semihost_call(uintptr_t operation, const void *arguments)
{
    register uintptr_t r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = arguments;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

int tflc_semihost_open(const char *path, int mode)
{
    uintptr_t block[3];
    block[0] = (uintptr_t)path;
    block[1] = (uintptr_t)mode;
    block[2] = strlen(path);
    return (int)semihost_call(SYS_OPEN, block);
}

int tflc_semihost_close(int handle)
{
    uintptr_t block[1];
    block[0] = (uintptr_t)handle;
    return (int)semihost_call(SYS_CLOSE, block);
}

long tflc_semihost_flen(int handle)
{
    uintptr_t block[1];
    block[0] = (uintptr_t)handle;
    return (long)semihost_call(SYS_FLEN, block);
}

/* SYS_READ and SYS_WRITE return the number of bytes NOT transferred; loop until done or stuck. */
size_t tflc_semihost_read(int handle, void *buffer, size_t len)
{
    unsigned char *next = buffer;
    size_t done = 0;
    while (done < len) {
        uintptr_t block[3];
        size_t left;
        block[0] = (uintptr_t)handle;
        block[1] = (uintptr_t)(next + done);
        block[2] = len - done;
        left = semihost_call(SYS_READ, block);
        if (left >= len - done) {
            break; /* end of file or error */
        }
        done += (len - done) - left;
    }
    return done;
}

size_t tflc_semihost_write(int handle, const void *buffer, size_t len)
{
    const unsigned char *next = buffer;
    size_t done = 0;
    while (done < len) {
        uintptr_t block[3];
        size_t left;
        block[0] = (uintptr_t)handle;
        block[1] = (uintptr_t)(next + done);
        block[2] = len - done;
        left = semihost_call(SYS_WRITE, block);
        if (left >= len - done) {
            break;
        }
        done += (len - done) - left;
    }
    return done;
}

void tflc_semihost_write0(const char *text)
{
    semihost_call(SYS_WRITE0, text);
}

int tflc_semihost_cmdline(char *buffer, size_t len)
{
    uintptr_t block[2];
    if (len == 0) {
        return -1;
    }
    block[0] = (uintptr_t)buffer;
    block[1] = len;
    buffer[0] = '\0';
    if (semihost_call(SYS_GET_CMDLINE, block) != 0) {
        buffer[0] = '\0';
        return -1;
    }
    buffer[len - 1] = '\0';
    return 0;
}

void tflc_semihost_exit(int status)
{
    uintptr_t block[2];
    /* A status that is nonzero must stay nonzero in the host's 8-bit exit status. */
    if (status != 0 && (status & 0xff) == 0) {
        status = 1;
    }
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uintptr_t)(status & 0xff);
    semihost_call(SYS_EXIT_EXTENDED, block);
    /* Hosts without SYS_EXIT_EXTENDED: plain SYS_EXIT can only say success or failure. */
    semihost_call(SYS_EXIT, (const void *)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                                                   : ADP_STOPPED_RUNTIME_ERROR_UNKNOWN));
    for (;;) {
    }
}
