package dev.tflc.ops;

/**
 * One kind of operator (CONV_2D, ADD, ...). {@link #prepare} is TensorFlow Lite Micro's Prepare done
 * at compile time: it checks the operator against the graph and derives every constant the
 * computation needs; the returned {@link Kernel} is the Eval.
 */
public interface OperatorKind {
    /** The builtin operator's name, as in the schema. */
    String name();

    /** Checks {@code node} and derives its parameters; throws a located IrException if it cannot run. */
    Kernel prepare(Node node);
}
