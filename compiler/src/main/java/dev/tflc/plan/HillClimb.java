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
    private static final long WORK_BUDGET = 2_000_000L;
    private static final int MAX_STEPS = 1000;

    @Override
    public String name() {
        return "hill-climb";
    }

    @Override
    public Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
        PlanProblem problem = new PlanProblem(buffers, alignment);
        if (problem.size() == 0) {
            return problem.byId(new long[0]);
        }
        Placed best = null;
        for (int[] order : startingOrders(problem)) {
            Placed start = Placed.of(problem, order, 0, null);
            if (best == null || start.arena() < best.arena()) {
                best = start;
            }
        }
        return problem.byId(climb(problem, best, MemoryPlanner.lowerBound(buffers, alignment)).offsets());
    }

    /** An order and the greedy placement it gives. */
    private record Placed(int[] order, long[] offsets, long arena) {
        /** Places {@code order}, keeping the offsets of its first {@code kept} buffers from {@code earlier}. */
        static Placed of(PlanProblem problem, int[] order, int kept, Placed earlier) {
            long[] offsets = earlier == null
                    ? GreedyPlacer.place(problem, order, GreedyPlacer.Fit.FIRST)
                    : GreedyPlacer.place(problem, order, GreedyPlacer.Fit.FIRST, kept, earlier.offsets());
            return new Placed(order, offsets, problem.arenaBytes(offsets));
        }
    }

    private static Placed climb(PlanProblem problem, Placed start, long bound) {
        int n = problem.size();
        Random random = new Random(SEED);
        int[] position = new int[n];
        Placed current = start;
        for (int step = steps(problem); step > 0 && current.arena() > bound; step--) {
            for (int k = 0; k < n; k++) {
                position[current.order()[k]] = k;
            }
            int moved = random.nextBoolean()
                    ? topBuffer(problem, current, random)
                    : current.order()[random.nextInt(n)];
            int from = position[moved];
            if (from == 0) {
                continue;
            }
            int to = random.nextInt(from);
            Placed candidate = Placed.of(problem, moveEarlier(current.order(), from, to), to, current);
            if (candidate.arena() <= current.arena()) {
                current = candidate;
            }
        }
        return current;
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

    /** A random one of the buffers that end at the top of the arena, chosen among them by id. */
    private static int topBuffer(PlanProblem p, Placed placed, Random random) {
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (placed.offsets()[i] + p.alignedSize(i) == placed.arena()) {
                top.add(i);
            }
        }
        top.sort(Comparator.comparingInt(i -> p.buffer(i).id()));
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
