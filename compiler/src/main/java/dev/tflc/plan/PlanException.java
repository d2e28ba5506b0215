package dev.tflc.plan;

/** A memory plan that breaks one of its rules: overlap, misalignment, out of the arena, or missing. */
public class PlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
