package dev.tflc.ops;

/** A prepared binary element-wise operator: its inputs broadcast to its output as {@link #broadcast} says. */
public interface BroadcastKernel extends Kernel {
    Broadcast broadcast();

    @Override
    default long macs() {
        return 0;
    }
}
