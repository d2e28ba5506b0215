package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.lower.Access;
import dev.tflc.lower.Band;
import dev.tflc.lower.Implementation;
import dev.tflc.lower.Lowering;
import dev.tflc.ops.Kernel;
import dev.tflc.plan.Buffer;
import dev.tflc.plan.MemoryPlan;
import dev.tflc.plan.MemoryPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Patch-based execution of a chain of window layers: operators {@code first} to {@code last} (each
 * the only reader of the one before's output, which is no graph output) run band by band, each band
 * {@code rows} output rows of the last layer, so that the tensors between them never exist whole. For
 * each band, every layer computes the rows of its output that the next layer's window reads for the
 * band (the rows a band shares with its neighbour, its halo, are computed again: the stage's extra
 * MACs), from the last layer back; the first layer reads its rows from the stage's input in the arena,
 * the last writes its rows into the stage's output there. The rows between layers live in the
 * stage's scratch: a small plan of its own ({@link #scratch}), each layer's rows and the layer's own
 * scratch live while they are used, checked by the plan checker.
 *
 * <p>{@code lo[b][j]} and {@code hi[b][j]} are the output rows [lo, hi) that layer {@code first + j}
 * computes in band {@code b}; {@code inLo[b]} and {@code inHi[b]} the input rows the first layer reads.
 * The generated code computes the same ranges with the same formulas ({@code runtime-c/tflc_band.h}).
 */
public record PatchStage(int first, int last, int rows, List<Band> layers, int[][] lo, int[][] hi, int[] inLo,
        int[] inHi, long[] rowsOffsets, long[] scratchOffsets, MemoryPlan scratch) {

    /**
     * The stage of operators {@code first..last} of {@code g} in bands of {@code rows} rows, or null when
     * those operators cannot run so (not a chain of layers that run on bands, or one band would be the
     * whole output).
     */
    public static PatchStage of(Graph g, Lowering lowering, int first, int last, int rows, int alignment) {
        if (first >= last || rows < 1) {
            return null;
        }
        List<Band> layers = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            Implementation impl = lowering.implementation(i);
            Operator op = g.operators().get(i);
            if (impl.band() == null || !impl.before().isEmpty()) {
                return null;
            }
            if (i > first) {
                // the only reader of the previous layer's output, which the caller does not read
                int t = g.operators().get(i - 1).output(0);
                if (op.input(0) != t || g.outputs().contains(t) || g.tensor(t).isVariable()
                        || readers(g, t) != 1) {
                    return null;
                }
            }
            Tensor in = g.tensor(op.input(0));
            if (in.isConstant() || in.isVariable() || g.tensor(op.output(0)).isVariable()) {
                return null;
            }
            if (alignment % impl.band().elementBytes() != 0) {
                return null; // the rows between layers are addressed by element from aligned offsets
            }
            layers.add(impl.band());
        }
        Band end = layers.get(layers.size() - 1);
        int outH = end.window().outH();
        if (rows >= outH) {
            return null;
        }
        int bands = (outH + rows - 1) / rows;
        int n = layers.size();
        int[][] lo = new int[bands][n];
        int[][] hi = new int[bands][n];
        int[] inLo = new int[bands];
        int[] inHi = new int[bands];
        for (int b = 0; b < bands; b++) {
            lo[b][n - 1] = b * rows;
            hi[b][n - 1] = Math.min(outH, (b + 1) * rows);
            for (int j = n - 1; j > 0; j--) {
                lo[b][j - 1] = layers.get(j).firstInputRow(lo[b][j]);
                hi[b][j - 1] = layers.get(j).endInputRow(hi[b][j]);
            }
            inLo[b] = layers.get(0).firstInputRow(lo[b][0]);
            inHi[b] = layers.get(0).endInputRow(hi[b][0]);
        }
        // the stage's scratch: layer j's rows (j < n - 1) live from its step to the next layer's, each
        // layer's own scratch at its step alone
        List<Buffer> buffers = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            long most = 0;
            for (int b = 0; b < bands; b++) {
                most = Math.max(most, hi[b][j] - lo[b][j]);
            }
            if (j < n - 1) {
                buffers.add(new Buffer(j, most * layers.get(j).outRowBytes(), j, j + 1));
            }
            long own = lowering.implementation(first + j).scratchBytes();
            if (own > 0) {
                buffers.add(new Buffer(n + j, own, j, j));
            }
        }
        MemoryPlan scratch = MemoryPlanner.plan(buffers, alignment);
        long[] rowsOffsets = new long[n - 1];
        long[] scratchOffsets = new long[n];
        java.util.Arrays.fill(scratchOffsets, -1);
        for (int j = 0; j < n; j++) {
            if (j < n - 1) {
                rowsOffsets[j] = scratch.of(j).offset();
            }
            if (lowering.implementation(first + j).scratchBytes() > 0) {
                scratchOffsets[j] = scratch.of(n + j).offset();
            }
        }
        return new PatchStage(first, last, rows, List.copyOf(layers), lo, hi, inLo, inHi, rowsOffsets, scratchOffsets,
                scratch);
    }

    private static int readers(Graph g, int t) {
        int n = 0;
        for (Operator op : g.operators()) {
            for (int i : op.inputs()) {
                if (i == t) {
                    n++;
                }
            }
        }
        return n;
    }

    /** How many bands the stage runs. */
    public int bands() {
        return lo.length;
    }

    /** Whether operator {@code index} runs in this stage. */
    public boolean contains(int index) {
        return index >= first && index <= last;
    }

    /** The bytes of the stage's scratch in the arena: the rows between its layers and their own scratch. */
    public long scratchBytes() {
        return scratch.arenaBytes();
    }

    /**
     * The order in which the stage reads its input and writes its output, band by band: each band
     * reads all of its input rows (the first layer runs before the last writes) and then writes its
     * output rows.
     */
    public Access access() {
        Band in = layers.get(0);
        Band out = layers.get(layers.size() - 1);
        Access.Builder b = new Access.Builder(true, "bands of " + rows + " row" + (rows == 1 ? "" : "s") + " forward");
        for (int k = 0; k < bands(); k++) {
            int n = layers.size() - 1;
            b.block(lo[k][n] * out.outRowBytes(), hi[k][n] * out.outRowBytes(), inLo[k] * in.inRowBytes(),
                    inHi[k] * in.inRowBytes());
        }
        return b.build();
    }

    /** The MACs the bands compute beyond the layers' own: the rows of the halos, computed again. */
    public long extraMacs(List<Kernel> kernels) {
        long extra = 0;
        for (int j = 0; j < layers.size(); j++) {
            long macs = kernels.get(first + j).macs();
            int outH = layers.get(j).window().outH();
            long computed = 0;
            for (int k = 0; k < bands(); k++) {
                computed += hi[k][j] - lo[k][j];
            }
            extra += macs / outH * (computed - outH);
        }
        return extra;
    }

    /** "layers 0-3 in 24 bands of 1 row", for reports. */
    public String describe() {
        return "layers " + first + "-" + last + " in " + bands() + " bands of " + rows + " row" + (rows == 1 ? "" : "s");
    }
}
