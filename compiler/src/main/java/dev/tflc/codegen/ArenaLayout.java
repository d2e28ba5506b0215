package dev.tflc.codegen;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Lifetimes;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.lower.Sharing;
import dev.tflc.ops.Kernel;
import dev.tflc.plan.Alias;
import dev.tflc.plan.Buffer;
import dev.tflc.plan.InPlace;
import dev.tflc.plan.MemoryPlan;
import dev.tflc.plan.MemoryPlanner;
import dev.tflc.plan.PlanChecker;
import dev.tflc.plan.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every run-time tensor lives in the arena. Derives each tensor's lifetime from the execution
 * order (operator i runs at step i; graph inputs live from the start, graph outputs past the last
 * step, as the caller reads them after the run), lets the output of a re-view ({@link Kernel#isView},
 * e.g. RESHAPE) share its input's memory when the input dies there, declares to the planner each
 * element-wise operator whose output may be written over an input that dies there (the inputs its
 * implementation allows), and hands sizes and lifetimes to the planner. Variable tensors are
 * persistent buffers: the planner keeps them in a region of their own at the start of the arena,
 * shared with nothing, so their bytes survive from one invocation to the next. {@code offset[t]} is
 * -1 for constants; {@code inPlace[i]} is the position of the input whose memory operator i's output
 * took, or -1.
 *
 * <p>A concatenation whose inputs are its output's bytes one after another
 * ({@link Kernel#concatenatesInputs}) may be joined: each input's buffer then lies inside the output's,
 * at the bytes of the inputs before it, so its producer writes it in place and the concatenation
 * copies nothing. A split whose outputs are its input's bytes one after another
 * ({@link Kernel#splitsInput}) is joined the other way: each output lies inside the input, read there.
 * Joining holds the whole from the first part's birth to the last part's death, so the layout is
 * planned both ways and the smaller arena kept (joined on a tie). A concatenation whose inputs
 * interleave in its output ({@code interleaved}: their producers write each row at the output's
 * stride, {@link dev.tflc.lower.Interleaving}) is joined in both plans: each input lies inside the
 * output from its first row's place, its rows the output's stride apart. {@code joined[i]} marks operator
 * i so joined; it is then also {@code aliased}. {@code lowerBoundBytes} is the plan's lower bound
 * with every concatenation apart (each tensor its own buffer but for re-views). {@code patches}: the
 * chain of layers that runs in patches (null: none), whose inner tensors have no place in the arena.
 * The plan checker proves the buffers' placement and, tensor by tensor ({@code regions}), that the
 * tensors sharing a buffer (re-views, joined parts) do so as their operators say.
 */
public record ArenaLayout(MemoryPlan plan, long[] offsets, int[] bufferOf, boolean[] aliased, boolean[] joined,
        long[] scratchOffsets, long[] scratchBytes, int[] inPlace, long lowerBoundBytes, PatchStage patches,
        List<Region> regions) {
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
        return of(g, kernels, scratchBytes, java.util.Collections.nCopies(g.operators().size(), Sharing.NONE),
                alignment);
    }

    /**
     * As {@link #of(Graph, List, long[], int)}, where operator {@code i}'s output 0 may share the memory
     * of its inputs {@code inPlaceInputs.get(i)} (the implementation's in-place inputs and access order)
     * when such an input's memory is last read there.
     */
    public static ArenaLayout of(Graph g, List<Kernel> kernels, long[] scratchBytes,
            List<Sharing> inPlaceInputs, int alignment) {
        return of(g, kernels, scratchBytes, inPlaceInputs, alignment, null);
    }

    /**
     * As {@link #of(Graph, List, long[], List, int)}, with the operators of {@code patches} (null: none)
     * run in bands: the stage runs at its first operator's step, from its input to its output, which
     * it may write over its input in the order of {@link PatchStage#access()}; the tensors between its
     * layers have no buffer of their own (their rows live in the stage's scratch, the first
     * operator's), and its other operators run nothing at their steps.
     */
    public static ArenaLayout of(Graph g, List<Kernel> kernels, long[] scratchBytes,
            List<Sharing> inPlaceInputs, int alignment, PatchStage patches) {
        return of(g, kernels, scratchBytes, inPlaceInputs, alignment, patches, java.util.Set.of());
    }

    /**
     * As {@link #of(Graph, List, long[], List, int, PatchStage)}, where the concatenations
     * {@code interleaved} are written in place by their inputs' producers, each row at the output's
     * stride, and so are joined whatever the arena.
     */
    public static ArenaLayout of(Graph g, List<Kernel> kernels, long[] scratchBytes,
            List<Sharing> inPlaceInputs, int alignment, PatchStage patches, java.util.Set<Integer> interleaved) {
        if (patches != null) {
            scratchBytes = scratchBytes.clone();
            for (int i = patches.first(); i <= patches.last(); i++) {
                scratchBytes[i] = i == patches.first() ? patches.scratchBytes() : 0;
            }
            List<Sharing> sharing = new ArrayList<>(inPlaceInputs);
            for (int i = patches.first(); i <= patches.last(); i++) {
                sharing.set(i, i == patches.first() ? new Sharing(List.of(0), patches.access()) : Sharing.NONE);
            }
            inPlaceInputs = sharing;
        }
        ArenaLayout joined = of(g, kernels, scratchBytes, inPlaceInputs, alignment, true, patches, interleaved);
        boolean anyJoined = false;
        for (int i = 0; i < joined.joined().length; i++) {
            anyJoined |= joined.joined()[i] && !interleaved.contains(i);
        }
        ArenaLayout apart = anyJoined
                ? of(g, kernels, scratchBytes, inPlaceInputs, alignment, false, patches, interleaved) : null;
        ArenaLayout best = apart != null && apart.arenaBytes() < joined.arenaBytes() ? apart : joined;
        // the lower bound stays the one with every tensor apart, the parts its producers write in place too
        long bound = !interleaved.isEmpty()
                ? of(g, kernels, scratchBytes, inPlaceInputs, alignment, false, patches, java.util.Set.of())
                        .lowerBoundBytes()
                : apart != null ? apart.lowerBoundBytes() : joined.lowerBoundBytes();
        return new ArenaLayout(best.plan(), best.offsets(), best.bufferOf(), best.aliased(), best.joined(),
                best.scratchOffsets(), best.scratchBytes(), best.inPlace(), bound, patches, best.regions());
    }

    private static ArenaLayout of(Graph g, List<Kernel> kernels, long[] scratchBytes,
            List<Sharing> inPlaceInputs, int alignment, boolean join, PatchStage patches,
            java.util.Set<Integer> interleaved) {
        int n = g.tensors().size();
        // graph inputs live from the start, graph outputs past the last step
        Lifetimes lifetimes = Lifetimes.of(g);
        int steps = lifetimes.steps();
        int[] first = lifetimes.first();
        int[] last = lifetimes.last();
        for (Tensor t : g.tensors()) {
            if (t.isVariable()) {
                first[t.index()] = 0;
                last[t.index()] = steps - 1;
            }
        }
        if (patches != null) {
            // the stage runs at its first step; the tensors between its layers are never whole
            for (int i = patches.first(); i < patches.last(); i++) {
                last[g.operators().get(i).output(0)] = -1;
            }
            first[g.operators().get(patches.last()).output(0)] = patches.first();
        }
        // A re-view shares its input's buffer when nothing reads the input afterwards.
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = i;
        }
        // where a tensor starts in bytes from its parent's start (root[t]): 0 but for joined inputs;
        // the bytes of each row and from one row to the next of a tensor whose rows interleave in its
        // parent's (0: its bytes are one run)
        long[] within = new long[n];
        long[] rowBytes = new long[n];
        long[] rowStride = new long[n];
        boolean[] aliased = new boolean[g.operators().size()];
        boolean[] joined = new boolean[g.operators().size()];
        for (Operator op : g.operators()) {
            int whole = kernels.get(op.index()).splitsInput();
            if (join && whole >= 0 && splittable(g, op, whole)) {
                long at = 0;
                for (int t : op.outputs()) {
                    root[t] = op.input(whole);
                    within[t] = at;
                    at += g.tensor(t).byteSize();
                }
                aliased[op.index()] = true;
                joined[op.index()] = true;
                continue;
            }
            boolean interleave = interleaved.contains(op.index());
            if (interleave && !joinable(g, op, root, within)) {
                throw new IllegalStateException("concatenation " + op.index() + ", written by its inputs' producers, "
                        + "cannot hold them");
            }
            if (interleave || join && kernels.get(op.index()).concatenatesInputs() && joinable(g, op, root, within)) {
                int rounds = kernels.get(op.index()).concatenationRounds();
                long at = 0;
                for (int t : op.inputs()) {
                    int r = find(root, t);
                    root[r] = op.output(0);
                    within[r] = at;
                    if (rounds > 1) {
                        rowBytes[r] = g.tensor(t).byteSize() / rounds;
                        rowStride[r] = g.tensor(op.output(0)).byteSize() / rounds;
                    }
                    at += g.tensor(t).byteSize() / rounds;
                }
                aliased[op.index()] = true;
                joined[op.index()] = true;
                continue;
            }
            if (!kernels.get(op.index()).isView()) {
                continue;
            }
            Tensor in = g.tensor(op.input(0));
            Tensor out = g.tensor(op.output(0));
            if (!in.isConstant() && !in.isVariable() && !out.isVariable() && last[in.index()] == op.index()
                    && !g.outputs().contains(in.index()) && in.byteSize() == out.byteSize()) {
                root[out.index()] = in.index(); // at the input's place, wherever a join puts it
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
        List<InPlace> declared = new ArrayList<>();
        for (Operator op : g.operators()) {
            Operator writer = patches != null && op.index() == patches.first()
                    ? g.operators().get(patches.last()) : op;
            InPlace pair = aliased[op.index()] || writer.outputs().isEmpty() ? null
                    : inPlacePair(g, op, writer.output(0), inPlaceInputs.get(op.index()), root, size, bFirst, bLast);
            if (pair != null) {
                declared.add(pair);
            }
        }
        MemoryPlan plan = MemoryPlanner.plan(buffers, declared, alignment);
        if (plan.arenaBytes() > MAX_ARENA_BYTES) {
            throw new IrException(String.format("the activations need an arena of %,d bytes, more than the %,d "
                    + "tflc supports", plan.arenaBytes(), MAX_ARENA_BYTES));
        }
        long[] offsets = new long[n];
        java.util.Arrays.fill(offsets, -1);
        for (int t = 0; t < n; t++) {
            if (bufferOf[t] >= 0) {
                offsets[t] = plan.of(bufferOf[t]).offset() + offsetInBuffer(root, within, t);
            }
        }
        List<Region> regions = regions(g, plan, bufferOf, offsets, first, last, root, rowBytes, rowStride);
        PlanChecker.checkRegions(buffers, plan, regions, aliases(g, kernels, aliased, joined));
        long[] scratchOffsets = new long[scratchBytes.length];
        java.util.Arrays.fill(scratchOffsets, -1);
        for (int i = 0; i < scratchBytes.length; i++) {
            if (scratchBytes[i] > 0) {
                scratchOffsets[i] = plan.of(n + i).offset();
            }
        }
        int[] inPlace = new int[g.operators().size()];
        java.util.Arrays.fill(inPlace, -1);
        for (InPlace p : plan.inPlace()) {
            Operator op = g.operators().get(p.step());
            inPlace[p.step()] = positionOf(op, inPlaceInputs.get(p.step()), p, root);
        }
        return new ArenaLayout(plan, offsets, bufferOf, aliased, joined, scratchOffsets, scratchBytes.clone(), inPlace,
                plan.lowerBoundBytes(), patches, List.copyOf(regions));
    }

    /**
     * The pair "the buffer of tensor {@code output} (what {@code op}'s step writes: its output 0, or a
     * patch stage's output) over the buffer of {@code op}'s first allowed input that dies at {@code op}",
     * or null: the input must be a run-time, non-variable tensor whose buffer is last used at this step,
     * the output's buffer must start at this step, and both have one size; the step reads the input's
     * buffer at no other position in another order.
     */
    private static InPlace inPlacePair(Graph g, Operator op, int output, Sharing sharing, int[] root, long[] size,
            int[] bFirst, int[] bLast) {
        List<Integer> allowed = sharing.positions();
        if (allowed.isEmpty() || op.outputs().isEmpty()) {
            return null;
        }
        Tensor out = g.tensor(output);
        int ro = find(root, out.index());
        if (out.isVariable() || bFirst[ro] != op.index()) {
            return null;
        }
        for (int position : allowed) {
            int t = op.input(position);
            if (t < 0 || g.tensor(t).isConstant() || g.tensor(t).isVariable()) {
                continue;
            }
            int ri = find(root, t);
            if (ri != ro && bLast[ri] == op.index() && size[ri] == g.tensor(t).byteSize()
                    && size[ro] == out.byteSize() && readAlike(op, position, sharing, root, ri)) {
                return new InPlace(ri, ro, op.index(), sharing.access(position));
            }
        }
        return null;
    }

    /**
     * Whether every input of {@code op} in {@code buffer} other than the one at {@code position} is
     * read in the same order as that one (a convolution whose residual is also its input reads the
     * one element by element and the other window by window: its output may not lie over it).
     */
    private static boolean readAlike(Operator op, int position, Sharing sharing, int[] root, int buffer) {
        for (int q = 0; q < op.inputs().size(); q++) {
            int t = op.input(q);
            if (q != position && t >= 0 && find(root, t) == buffer && sharing.access(q) != sharing.access(position)) {
                return false;
            }
        }
        return true;
    }

    /** The first of {@code op}'s allowed input positions whose tensor is in pair {@code p}'s input, read in its order. */
    private static int positionOf(Operator op, Sharing sharing, InPlace p, int[] root) {
        for (int position : sharing.positions()) {
            int t = op.input(position);
            if (t >= 0 && find(root, t) == p.input() && sharing.access(position) == p.access()) {
                return position;
            }
        }
        throw new IllegalStateException("operator " + op.index() + " has no allowed input in buffer " + p.input());
    }

    /**
     * Whether concatenation {@code op} may be joined: its output is a run-time tensor of its own buffer,
     * and each input is a distinct run-time, non-variable tensor at the start of a buffer that holds
     * no joined inputs itself and no graph input or output (the caller's bytes stay where the API puts
     * them), every tensor of that buffer of the input's size (re-views of one another).
     */
    private static boolean joinable(Graph g, Operator op, int[] root, long[] within) {
        Tensor out = g.tensor(op.output(0));
        if (out.isVariable() || find(root, out.index()) != out.index()) {
            return false;
        }
        java.util.Set<Integer> buffers = new java.util.HashSet<>();
        for (int t : op.inputs()) {
            if (t < 0 || g.tensor(t).isConstant() || g.tensor(t).isVariable()) {
                return false;
            }
            int r = find(root, t);
            if (r == out.index() || !buffers.add(r)) {
                return false;
            }
            for (Tensor m : g.tensors()) {
                if (find(root, m.index()) == r && (within[m.index()] != 0 || m.byteSize() != g.tensor(t).byteSize()
                        || g.inputs().contains(m.index()) || g.outputs().contains(m.index()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether split {@code op} may leave its outputs inside input {@code whole}: the input is a run-time
     * tensor that is not the caller's (a graph input) or a state, and every output a distinct tensor
     * that is neither a graph output nor a state.
     */
    private static boolean splittable(Graph g, Operator op, int whole) {
        Tensor in = g.tensor(op.input(whole));
        if (in.isConstant() || in.isVariable() || g.inputs().contains(in.index())) {
            return false;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int t : op.outputs()) {
            if (t < 0 || !seen.add(t) || g.tensor(t).isVariable() || g.outputs().contains(t)) {
                return false;
            }
        }
        return true;
    }

    /** Each planned tensor's bytes within its buffer (in rows where they interleave with others'), and its lifetime. */
    private static List<Region> regions(Graph g, MemoryPlan plan, int[] bufferOf, long[] offsets, int[] first,
            int[] last, int[] root, long[] rowBytes, long[] rowStride) {
        List<Region> regions = new ArrayList<>();
        for (Tensor t : g.tensors()) {
            int b = bufferOf[t.index()];
            if (b < 0 || t.byteSize() == 0) {
                continue;
            }
            long at = offsets[t.index()] - plan.of(b).offset();
            long row = 0;
            long stride = 0;
            for (int u = t.index(); root[u] != u; u = root[u]) {
                if (rowBytes[u] > 0) {
                    row = rowBytes[u];
                    stride = rowStride[u];
                }
            }
            regions.add(row > 0 ? new Region(t.index(), b, at, t.byteSize(), first[t.index()], last[t.index()], row,
                    stride) : new Region(t.index(), b, at, t.byteSize(), first[t.index()], last[t.index()]));
        }
        return regions;
    }

    /**
     * What the operators that run nothing say of their tensors' bytes, from the operators alone: a
     * re-view's output is its input's bytes; a joined concatenation's inputs are its output's bytes
     * one after another, a joined split's outputs its input's.
     */
    private static List<Alias> aliases(Graph g, List<Kernel> kernels, boolean[] aliased, boolean[] joined) {
        List<Alias> aliases = new ArrayList<>();
        for (Operator op : g.operators()) {
            if (!aliased[op.index()]) {
                continue;
            }
            Kernel k = kernels.get(op.index());
            if (!joined[op.index()]) {
                if (g.tensor(op.input(0)).byteSize() > 0) {
                    aliases.add(new Alias(op.input(0), op.output(0), 0));
                }
            } else if (k.splitsInput() >= 0) {
                long at = 0;
                for (int t : op.outputs()) {
                    aliases.add(new Alias(op.input(k.splitsInput()), t, at));
                    at += g.tensor(t).byteSize();
                }
            } else {
                int rounds = k.concatenationRounds();
                long stride = g.tensor(op.output(0)).byteSize() / rounds;
                long at = 0;
                for (int t : op.inputs()) {
                    long row = g.tensor(t).byteSize() / rounds;
                    aliases.add(rounds == 1 ? new Alias(op.output(0), t, at) : new Alias(op.output(0), t, at, row, stride));
                    at += row;
                }
            }
        }
        return aliases;
    }

    /** Where tensor {@code t} starts in bytes from the start of its buffer. */
    private static long offsetInBuffer(int[] root, long[] within, int t) {
        long at = 0;
        while (root[t] != t) {
            at += within[t];
            t = root[t];
        }
        return at;
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

    /** Bytes at the start of the arena that hold the variable (state) tensors. */
    public long stateBytes() {
        return plan.persistentBytes();
    }

    /**
     * For a tensor whose bytes are rows interleaved with others' (a part of a concatenation its producer
     * writes in place), its rows' bytes and the bytes from one row to the next, as the plan checker
     * proved them; null for a tensor of one run of bytes.
     */
    public long[] rows(int t) {
        for (Region r : regions) {
            if (r.id() == t && r.rowBytes() > 0) {
                return new long[] {r.rowBytes(), r.rowStride()};
            }
        }
        return null;
    }

    /** The arena offset of operator {@code index}'s scratch buffer, or -1 when it has none. */
    public long scratchOffset(int index) {
        return scratchOffsets[index];
    }

    /** The in-place lower bound: the most bytes live at once when each in-place pair counts once. */
    public long inPlaceLowerBoundBytes() {
        return plan.inPlaceLowerBoundBytes();
    }

    /** The position of the input whose memory operator {@code index}'s output was written over, or -1. */
    public int inPlaceInput(int index) {
        return index < inPlace.length ? inPlace[index] : -1;
    }

    /**
     * For an operator whose output was written over an input ({@link #inPlaceInput}), where its output
     * starts in bytes from the start of that input (negative: below it), as the graph {@code g} names
     * the tensors; 0 otherwise.
     */
    public long inPlaceDistance(Graph g, int index) {
        int position = inPlaceInput(index);
        if (position < 0) {
            return 0;
        }
        Operator op = g.operators().get(index);
        int output = patches != null && index == patches.first() ? g.operators().get(patches.last()).output(0)
                : op.output(0);
        return offsets[output] - offsets[op.input(position)];
    }

    /** Whether operator {@code index} runs in a patch stage ({@link #patches}), at that stage's first step. */
    public boolean isPatched(int index) {
        return patches != null && patches.contains(index);
    }

    /**
     * True when operator {@code index} is a concatenation whose inputs were written in place inside its
     * output, or a split whose outputs are read in place inside its input.
     */
    public boolean isJoined(int index) {
        return index < joined.length && joined[index];
    }

    /**
     * Why operator {@code index}, prepared as {@code kernel}, runs nothing (for {@code info} and the
     * generated code's comment), or null when it runs.
     */
    public String nothingToDo(int index, Kernel kernel) {
        if (!isAliased(index)) {
            return null;
        }
        if (!isJoined(index)) {
            return "shares its input's memory";
        }
        return kernel.splitsInput() >= 0 ? "outputs read in place, one after another in the input"
                : kernel.concatenationRounds() > 1 ? String.format(java.util.Locale.ROOT, "inputs written in place by "
                        + "their producers, their %,d rows each interleaved in the output", kernel.concatenationRounds())
                : "inputs written in place by their producers, one after another in the output";
    }

    /**
     * True when operator {@code index} runs nothing: a re-view whose output shares its input's memory,
     * or a joined concatenation.
     */
    public boolean isAliased(int index) {
        return index < aliased.length && aliased[index];
    }
}

