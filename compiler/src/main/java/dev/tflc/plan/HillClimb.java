package dev.tflc.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Searches over placement orders: starts from the best of the greedy orders (by size, by crowding, by
 * lifetime, by first use), then repeatedly moves a buffer that reaches the top of the arena, or a
 * random one, to an earlier place in the order, keeping each change that does not grow the arena.
 * Stops at the lower bound or after a number of steps that shrinks as the problem grows, so it stays
 * fast. The random moves come from a fixed seed: the same input gives the same plan.
 */
public final class HillClimb implements Strategy {
    private static final long SEED = 0x7F1C_9A11L;
    /** Rough work allowed: placements times the conflicts each placement scans. */
    private static final long WORK_BUDGET = 4_000_000L;
    private static final int MAX_STEPS = 1000;

    @Override
    public String name() {
        return "hill-climb";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        int n = problem.size();
        if (n == 0) {
            return problem.byId(new long[0]);
        }
        long bound = MemoryPlanner.lowerBound(buffers, alignment);
        int[] order = null;
        long[] offsets = null;
        long arena = Long.MAX_VALUE;
        for (int[] start : startingOrders(problem)) {
            long[] placed = GreedyPlacer.place(problem, start, GreedyPlacer.Fit.FIRST);
            long size = problem.arenaBytes(placed);
            if (size < arena) {
                order = start;
                offsets = placed;
                arena = size;
            }
        }
        Random random = new Random(SEED);
        int steps = steps(problem);
        int[] position = new int[n];
        for (int step = 0; step < steps && arena > bound; step++) {
            for (int k = 0; k < n; k++) {
                position[order[k]] = k;
            }
            int moved = random.nextBoolean() ? topBuffer(problem, offsets, arena, random) : random.nextInt(n);
            int from = position[moved];
            if (from == 0) {
                continue;
            }
            int[] candidate = moveEarlier(order, from, random.nextInt(from));
            long[] placed = GreedyPlacer.place(problem, candidate, GreedyPlacer.Fit.FIRST);
            long size = problem.arenaBytes(placed);
            if (size <= arena) {
                order = candidate;
                offsets = placed;
                arena = size;
            }
        }
        return problem.byId(offsets);
    }

    private static List<int[]> startingOrders(PlanProblem p) {
        long[] crowding = new long[p.size()];
        for (int i = 0; i < crowding.length; i++) {
            crowding[i] = p.conflictBytes(i);
        }
        List<int[]> orders = new ArrayList<>();
        orders.add(p.sorted(Comparator.<Integer>comparingLong(i -> -p.alignedSize(i))
                .thenComparingLong(i -> -p.buffer(i).lifetime())));
        orders.add(p.sorted(Comparator.<Integer>comparingLong(i -> -crowding[i])
                .thenComparingLong(i -> -p.alignedSize(i))));
        orders.add(p.sorted(Comparator.<Integer>comparingLong(i -> -p.buffer(i).lifetime())
                .thenComparingLong(i -> -p.alignedSize(i))));
        orders.add(p.sorted(Comparator.<Integer>comparingInt(i -> p.buffer(i).firstUse())
                .thenComparingLong(i -> -p.alignedSize(i))));
        return orders;
    }

    /** How many moves to try: as many as the work budget allows, at most {@link #MAX_STEPS}. */
    private static int steps(PlanProblem p) {
        long work = p.size();
        for (int i = 0; i < p.size(); i++) {
            work += p.conflicts(i).length;
        }
        return (int) Math.min(MAX_STEPS, WORK_BUDGET / work);
    }

    /** A random one of the buffers that end at the top of the arena. */
    private static int topBuffer(PlanProblem p, long[] offsets, long arena, Random random) {
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + p.alignedSize(i) == arena) {
                top.add(i);
            }
        }
        return top.get(random.nextInt(top.size()));
    }

    /** {@code order} with the entry at {@code from} moved to {@code to}, an earlier place. */
    private static int[] moveEarlier(int[] order, int from, int to) {
        int[] result = order.clone();
        int moved = result[from];
        System.arraycopy(order, to, result, to + 1, from - to);
        result[to] = moved;
        return result;
    }
}
