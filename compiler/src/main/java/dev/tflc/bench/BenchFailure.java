package dev.tflc.bench;

/** Why a benchmark cannot go on: a one-line message, and the exit status (1 a failed run, 2 bad options). */
final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A build, run or output check that failed. */
    static final int FAILED = 1;
    /** Options or inputs that cannot work. */
    static final int BAD_OPTIONS = 2;

    private final int status;

    BenchFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    /** A failed build, run or check (exit status 1). */
    BenchFailure(String message) {
        this(FAILED, message);
    }

    int status() {
        return status;
    }
}
