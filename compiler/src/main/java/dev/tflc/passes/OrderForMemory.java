package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Lifetimes;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Tensor;
import dev.tflc.plan.Buffer;
import dev.tflc.plan.MemoryPlanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the operators in the order, among those the data flow allows, with the smallest lower bound:
 * the most bytes of run-time tensors live at one step ({@link MemoryPlanner#lowerBound}, each tensor
 * from the step that writes it, or the start for a graph input, to the last step that reads it, or
 * past the end for a graph output; before re-views and in-place pairs share memory). Where the graph branches, finishing one branch before starting
 * the next can keep fewer tensors alive. A depth-first search over the orders tries the ready
 * operators in file order and abandons a partial order once its peak reaches the best found, within a
 * budget of steps; the file order stays unless another is strictly better. The same graph always
 * gives the same order. A graph with variable tensors keeps its order (state updates do not move).
 * Every operator computes what it computed: outputs are unchanged.
 */
public final class OrderForMemory implements Pass {
    /** Partial orders the search may visit. */
    private static final int BUDGET = 50_000;
    /** Sizes are counted rounded up to this, as the planner does for the common targets. */
    static final int ALIGNMENT = 4;

    @Override
    public String name() {
        return "order-for-memory";
    }

    @Override
    public Graph apply(Graph g) {
        if (g.operators().size() < 3 || g.tensors().stream().anyMatch(Tensor::isVariable)) {
            return g;
        }
        int[] order = new Search(g).best();
        if (order == null) {
            return g;
        }
        List<Operator> ops = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            Operator op = g.operators().get(order[k]);
            ops.add(new Operator(k, op.kind(), op.version(), op.inputs(), op.outputs(), op.options()));
        }
        return new Graph(g.name(), g.tensors(), ops, g.inputs(), g.outputs());
    }

    /**
     * The lower bound of running {@code g}'s operators in {@code order} (operator indices): the
     * planner's bound over the run-time tensors' lifetimes.
     */
    public static long lowerBound(Graph g, int[] order) {
        Lifetimes lifetimes = Lifetimes.of(g, order);
        List<Buffer> buffers = new ArrayList<>();
        for (Tensor t : g.tensors()) {
            int i = t.index();
            if (!t.isConstant() && lifetimes.last()[i] >= 0 && t.byteSize() > 0) {
                buffers.add(new Buffer(i, t.byteSize(), lifetimes.first()[i], lifetimes.last()[i]));
            }
        }
        return MemoryPlanner.lowerBound(buffers, ALIGNMENT);
    }

    /** The depth-first search over topological orders. */
    private static final class Search {
        private final Graph g;
        private final int n;
        private final long[] size;
        private final int[][] readers;
        /** Each operator's run-time and constant inputs, each tensor once. */
        private final int[][] reads;
        private final int[][] dependents;
        private final int[] waiting;
        private final int[] unread;
        private final boolean[] output;
        private final int[] order;
        private final boolean[] done;
        /** Bytes of the graph inputs that no operator reads: live at the first step only. */
        private long idleInputs;
        private int[] bestOrder;
        private long bestPeak;
        private int visits;

        Search(Graph g) {
            this.g = g;
            this.n = g.operators().size();
            int tensors = g.tensors().size();
            size = new long[tensors];
            for (Tensor t : g.tensors()) {
                size[t.index()] = t.isConstant() ? 0 : (t.byteSize() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
            }
            int[] producer = new int[tensors];
            java.util.Arrays.fill(producer, -1);
            for (Operator op : g.operators()) {
                for (int t : op.outputs()) {
                    producer[t] = op.index();
                }
            }
            List<List<Integer>> readersOf = new ArrayList<>();
            for (int t = 0; t < tensors; t++) {
                readersOf.add(new ArrayList<>());
            }
            List<Set<Integer>> after = new ArrayList<>();
            waiting = new int[n];
            for (Operator op : g.operators()) {
                after.add(new LinkedHashSet<>());
            }
            for (Operator op : g.operators()) {
                Set<Integer> needs = new LinkedHashSet<>();
                for (int t : new LinkedHashSet<>(op.inputs())) {
                    if (t >= 0) {
                        readersOf.get(t).add(op.index());
                        if (producer[t] >= 0) {
                            needs.add(producer[t]);
                        }
                    }
                }
                for (int p : needs) {
                    after.get(p).add(op.index());
                }
                waiting[op.index()] = needs.size();
            }
            reads = g.operators().stream().map(op -> op.inputs().stream().filter(t -> t >= 0).distinct()
                    .mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            readers = readersOf.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            dependents = after.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
            unread = new int[tensors];
            for (int t = 0; t < tensors; t++) {
                unread[t] = readers[t].length;
            }
            output = new boolean[tensors];
            g.outputs().forEach(t -> output[t] = true);
            order = new int[n];
            done = new boolean[n];
        }

        /** A strictly better order than the file's, or null. */
        int[] best() {
            int[] file = new int[n];
            for (int i = 0; i < n; i++) {
                file[i] = i;
            }
            long fileBound = lowerBound(g, file);
            bestPeak = fileBound;
            long live = 0;
            for (int t : new LinkedHashSet<>(g.inputs())) {
                if (readers[t].length > 0 || output[t]) {
                    live += size[t];
                } else {
                    idleInputs += size[t];
                }
            }
            search(0, live, 0);
            return bestOrder != null && lowerBound(g, bestOrder) < fileBound ? bestOrder : null;
        }

        private void search(int depth, long live, long peak) {
            if (peak >= bestPeak || visits++ >= BUDGET) {
                return;
            }
            if (depth == n) {
                bestPeak = peak;
                bestOrder = order.clone();
                return;
            }
            for (int k = 0; k < n; k++) {
                if (done[k] || waiting[k] > 0) {
                    continue;
                }
                Operator op = g.operators().get(k);
                long step = live + (depth == 0 ? idleInputs : 0);
                for (int t : op.outputs()) {
                    step += size[t];
                }
                long freed = 0;
                for (int t : reads[k]) {
                    if (--unread[t] == 0 && !output[t]) {
                        freed += size[t];
                    }
                }
                for (int t : op.outputs()) {
                    if (readers[t].length == 0 && !output[t]) {
                        freed += size[t];
                    }
                }
                done[k] = true;
                order[depth] = k;
                for (int d : dependents[k]) {
                    waiting[d]--;
                }
                search(depth + 1, step - freed, Math.max(peak, step));
                for (int d : dependents[k]) {
                    waiting[d]++;
                }
                done[k] = false;
                for (int t : reads[k]) {
                    unread[t]++;
                }
            }
        }
    }
}
