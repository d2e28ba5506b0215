package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.ops.Kernel;
import dev.tflc.plan.Buffer;
import dev.tflc.plan.MemoryPlan;
import dev.tflc.plan.MemoryPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every run-time tensor lives in the arena. Derives each tensor's lifetime from the execution
 * order (operator i runs at step i; inputs live from the start, outputs to the end), lets the output
 * of a re-view ({@link Kernel#isView}, e.g. RESHAPE) share its input's memory when the input dies
 * there, and hands sizes and lifetimes to the planner. Variable tensors are persistent buffers: the
 * planner keeps them in a region of their own at the start of the arena, shared with nothing, so
 * their bytes survive from one invocation to the next. {@code offset[t]} is -1 for constants.
 */
public record ArenaLayout(MemoryPlan plan, long[] offsets, int[] bufferOf, boolean[] aliased, long[] scratchOffsets,
        long[] scratchBytes) {
    /** Largest arena: every offset in it fits the 32-bit signed sizes of the targets and kernels. */
    public static final long MAX_ARENA_BYTES = Integer.MAX_VALUE;

    /** The layout of {@code g}, whose operators were prepared as {@code kernels} and need no scratch. */
    public static ArenaLayout of(Graph g, List<Kernel> kernels, int alignment) {
        return of(g, kernels, new long[g.operators().size()], alignment);
    }

    /**
     * The layout of {@code g}, whose operators were prepared as {@code kernels}; operator {@code i}
     * needs {@code scratchBytes[i]} bytes of scratch while it runs: a buffer live for that one step,
     * planned with the tensors (it may overlap whatever is dead then).
     */
    public static ArenaLayout of(Graph g, List<Kernel> kernels, long[] scratchBytes, int alignment) {
        int n = g.tensors().size();
        int steps = Math.max(g.operators().size(), 1);
        int[] first = new int[n];
        int[] last = new int[n];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        java.util.Arrays.fill(last, -1);
        for (int in : g.inputs()) {
            // A graph input lives from the start even when no operator reads it: the caller writes it.
            first[in] = 0;
            last[in] = 0;
        }
        for (Operator op : g.operators()) {
            for (int t : op.inputs()) {
                if (t >= 0) {
                    first[t] = Math.min(first[t], op.index());
                    last[t] = Math.max(last[t], op.index());
                }
            }
            for (int t : op.outputs()) {
                first[t] = Math.min(first[t], op.index());
                last[t] = Math.max(last[t], op.index());
            }
        }
        for (int out : g.outputs()) {
            last[out] = steps - 1;
        }
        for (Tensor t : g.tensors()) {
            if (t.isVariable()) {
                first[t.index()] = 0;
                last[t.index()] = steps - 1;
            }
        }
        // A re-view shares its input's buffer when nothing reads the input afterwards.
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = i;
        }
        boolean[] aliased = new boolean[g.operators().size()];
        for (Operator op : g.operators()) {
            if (!kernels.get(op.index()).isView()) {
                continue;
            }
            Tensor in = g.tensor(op.input(0));
            Tensor out = g.tensor(op.output(0));
            if (!in.isConstant() && !in.isVariable() && !out.isVariable() && last[in.index()] == op.index()
                    && !g.outputs().contains(in.index()) && in.byteSize() == out.byteSize()) {
                root[out.index()] = find(root, in.index());
                aliased[op.index()] = true;
            }
        }
        List<Buffer> buffers = new ArrayList<>();
        int[] bufferOf = new int[n];
        java.util.Arrays.fill(bufferOf, -1);
        long[] size = new long[n];
        int[] bFirst = new int[n];
        int[] bLast = new int[n];
        java.util.Arrays.fill(bFirst, Integer.MAX_VALUE);
        java.util.Arrays.fill(bLast, -1);
        for (Tensor t : g.tensors()) {
            if (t.isConstant() || last[t.index()] < 0) {
                continue;
            }
            int r = find(root, t.index());
            bufferOf[t.index()] = r;
            size[r] = Math.max(size[r], t.byteSize());
            bFirst[r] = Math.min(bFirst[r], first[t.index()]);
            bLast[r] = Math.max(bLast[r], last[t.index()]);
        }
        for (int r = 0; r < n; r++) {
            if (bLast[r] >= 0 && size[r] > 0) {
                // A variable tensor keeps its bytes from one invocation to the next: persistent.
                buffers.add(new Buffer(r, size[r], bFirst[r], bLast[r], g.tensor(r).isVariable()));
            }
        }
        // Scratch of operator i: buffer n + i, live at step i alone.
        for (int i = 0; i < scratchBytes.length; i++) {
            if (scratchBytes[i] > 0) {
                buffers.add(new Buffer(n + i, scratchBytes[i], i, i));
            }
        }
        MemoryPlan plan = MemoryPlanner.plan(buffers, alignment);
        if (plan.arenaBytes() > MAX_ARENA_BYTES) {
            throw new IrException(String.format("the activations need an arena of %,d bytes, more than the %,d "
                    + "tflc supports", plan.arenaBytes(), MAX_ARENA_BYTES));
        }
        long[] offsets = new long[n];
        java.util.Arrays.fill(offsets, -1);
        for (int t = 0; t < n; t++) {
            if (bufferOf[t] >= 0) {
                offsets[t] = plan.of(bufferOf[t]).offset();
            }
        }
        long[] scratchOffsets = new long[scratchBytes.length];
        java.util.Arrays.fill(scratchOffsets, -1);
        for (int i = 0; i < scratchBytes.length; i++) {
            if (scratchBytes[i] > 0) {
                scratchOffsets[i] = plan.of(n + i).offset();
            }
        }
        return new ArenaLayout(plan, offsets, bufferOf, aliased, scratchOffsets, scratchBytes.clone());
    }

    private static int find(int[] root, int i) {
        while (root[i] != i) {
            i = root[i];
        }
        return i;
    }

    public long arenaBytes() {
        return plan.arenaBytes();
    }

    public long lowerBoundBytes() {
        return plan.lowerBoundBytes();
    }

    /** Bytes at the start of the arena that hold the variable (state) tensors. */
    public long stateBytes() {
        return plan.persistentBytes();
    }

    /** The arena offset of operator {@code index}'s scratch buffer, or -1 when it has none. */
    public long scratchOffset(int index) {
        return scratchOffsets[index];
    }

    /** True when operator {@code index} is a re-view whose output shares its input's memory. */
    public boolean isAliased(int index) {
        return index < aliased.length && aliased[index];
    }
}
