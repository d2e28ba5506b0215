package dev.tflc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.lower.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryPlannerTest {
    @Test
    void emptyListNeedsNoArena() {
        assertEquals(new MemoryPlan(List.of(), 0, 0, 16), MemoryPlanner.plan(List.of(), 16));
        for (Strategy strategy : MemoryPlanner.strategies()) {
            assertEquals(0, MemoryPlanner.plan(List.of(), 16, strategy).arenaBytes(), strategy.name());
        }
    }

    @Test
    void chainPutsCWhereADiedWhenCStarts() {
        // A -> B -> C: operator 1 reads A and writes B, operator 2 reads B and writes C.
        Buffer a = new Buffer(10, 1000, 0, 1);
        Buffer b = new Buffer(11, 1000, 1, 2);
        Buffer c = new Buffer(12, 1000, 2, 3);
        List<Buffer> chain = List.of(a, b, c);
        for (Strategy strategy : MemoryPlanner.strategies()) {
            MemoryPlan plan = MemoryPlanner.plan(chain, 1, strategy);
            assertEquals(plan.of(10).offset(), plan.of(12).offset(), strategy.name());
            assertEquals(2000, plan.arenaBytes(), strategy.name());
        }
        MemoryPlan plan = MemoryPlanner.plan(chain, 1);
        assertEquals(plan.of(10).offset(), plan.of(12).offset());
        assertEquals(2000, plan.lowerBoundBytes());
    }

    @Test
    void elementWiseChainRunsInPlaceInOneBuffersBytes() {
        // A -> B -> C through two element-wise operators, each declared to run in place
        List<Buffer> chain = List.of(new Buffer(10, 1000, 0, 1), new Buffer(11, 1000, 1, 2), new Buffer(12, 1000, 2, 3));
        List<InPlace> pairs = List.of(pair(10, 11, 1, 1000), pair(11, 12, 2, 1000));
        MemoryPlan plan = MemoryPlanner.plan(chain, pairs, 4);
        // kept apart, two buffers are live at each operator
        assertFigures(plan, 2000, 1000, 1000, pairs);
        for (Placement p : plan.placements()) {
            assertEquals(0, p.offset());
        }
    }

    @Test
    void inPlaceIsLeftAsideWhenItDoesNotLowerThePeak() {
        // the peak is P with Q at step 1; the in-place pair Q -> R at step 2 is below it
        List<Buffer> buffers = List.of(new Buffer(1, 3000, 0, 1), new Buffer(2, 100, 1, 2), new Buffer(3, 100, 2, 3));
        MemoryPlan plan = MemoryPlanner.plan(buffers, List.of(pair(2, 3, 2, 100)), 4);
        assertFigures(plan, 3100, 3100, 3100, List.of());
        assertTrue(plan.of(2).end() <= plan.of(3).offset() || plan.of(3).end() <= plan.of(2).offset());
    }

    @Test
    void aResidualAddOverItsDyingInputLowersThePeak() {
        // x (0..2) and y = f(x) (1..2) meet at ADD (step 2), whose output z (2..3) may take y's bytes
        List<Buffer> buffers = List.of(new Buffer(1, 512, 0, 2), new Buffer(2, 512, 1, 2), new Buffer(3, 512, 2, 3));
        InPlace zOverY = pair(2, 3, 2, 512);
        MemoryPlan plan = MemoryPlanner.plan(buffers, List.of(zOverY), 16);
        assertFigures(plan, 1536, 1024, 1024, List.of(zOverY));
        assertEquals(plan.of(2).offset(), plan.of(3).offset());
    }

    /**
     * An output written over its input element by element in an order not stated (an ADD in a
     * convolution's stores) lies at the input's own offset or wholly apart: the planner puts it at
     * offset 0, and the checker refuses any overlap at another distance.
     */
    @Test
    void anOutputSafeOnlyAtItsInputsOwnPlaceIsPlacedThere() {
        Access sameIndex = Access.sameIndex(512, 1, "unordered");
        assertTrue(sameIndex.atItsPlaceOnly());
        assertEquals(null, sameIndex.violation(0));
        assertEquals(null, sameIndex.violation(512));
        assertEquals(null, sameIndex.violation(-512));
        assertTrue(sameIndex.violation(-16) != null && sameIndex.violation(4) != null);
        // a 256-byte input of the same step lives on: the arena is the two, 768 bytes, not three
        List<Buffer> buffers = List.of(new Buffer(1, 512, 0, 1), new Buffer(2, 256, 0, 2), new Buffer(3, 512, 1, 2));
        InPlace over = new InPlace(1, 3, 1, sameIndex);
        MemoryPlan plan = MemoryPlanner.plan(buffers, List.of(over), 16);
        assertEquals(List.of(over), plan.inPlace());
        assertEquals(plan.of(1).offset(), plan.of(3).offset());
        assertEquals(768, plan.arenaBytes());
    }

    @Test
    void aWindowChainDriftsDownAndABackwardLayerBringsItBack() {
        // A -> B through a 3-tap window walked forward (B may start 2 bytes below A), then B -> C through
        // a layer walked backward (C may start 1 byte above B, or higher): the chain needs 1,002 bytes,
        // not 2,000, and C goes back up where A was
        List<Buffer> chain = List.of(new Buffer(1, 1000, 0, 1), new Buffer(2, 1000, 1, 2), new Buffer(3, 1000, 2, 3));
        Access.Builder window = new Access.Builder(false, "forward");
        Access.Builder backward = new Access.Builder(false, "backward");
        for (int i = 0; i < 1000; i++) {
            window.block(i, i + 1, Math.max(0, i - 1), Math.min(1000, i + 2));
            backward.block(999 - i, 1000 - i, 999 - i, 1000 - i);
        }
        List<InPlace> pairs = List.of(new InPlace(1, 2, 1, window.build()), new InPlace(2, 3, 2, backward.build()));
        MemoryPlan plan = MemoryPlanner.plan(chain, pairs, 1);
        assertEquals(1002, plan.arenaBytes());
        assertEquals(pairs, plan.inPlace());
        assertEquals(plan.of(1).offset() - 2, plan.of(2).offset());
        assertEquals(plan.of(1).offset(), plan.of(3).offset());
    }

    /** The pair of an element-wise operator on int8 buffers of {@code bytes}. */
    private static InPlace pair(int input, int output, int step, long bytes) {
        return new InPlace(input, output, step, Access.elementwise(bytes, 1));
    }

    private static void assertFigures(MemoryPlan plan, long lowerBound, long inPlaceBound, long arena,
            List<InPlace> used) {
        assertEquals(lowerBound, plan.lowerBoundBytes(), "lower bound");
        assertEquals(inPlaceBound, plan.inPlaceLowerBoundBytes(), "in-place lower bound");
        assertEquals(arena, plan.arenaBytes(), "arena");
        assertEquals(used, plan.inPlace(), "pairs used");
    }

    @Test
    void placementsFollowTheInputOrderAndKeepTheirSizes() {
        List<Buffer> buffers = List.of(new Buffer(5, 8, 0, 3), new Buffer(2, 300, 1, 1), new Buffer(9, 40, 2, 4));
        MemoryPlan plan = MemoryPlanner.plan(buffers, 4);
        assertEquals(List.of(5, 2, 9), plan.placements().stream().map(Placement::id).toList());
        assertEquals(List.of(8L, 300L, 40L), plan.placements().stream().map(Placement::size).toList());
    }

    @Test
    void sizesAreRoundedUpToTheAlignment() {
        List<Buffer> buffers = List.of(new Buffer(1, 3, 0, 1), new Buffer(2, 5, 0, 1), new Buffer(3, 17, 1, 1));
        MemoryPlan plan = MemoryPlanner.plan(buffers, 8);
        assertEquals(8 + 8 + 24, plan.lowerBoundBytes());
        assertEquals(40, plan.arenaBytes());
        for (Placement p : plan.placements()) {
            assertEquals(0, p.offset() % 8, () -> p.toString());
        }
    }

    @Test
    void lowerBoundIsTheLargestAlignedTotalLiveAtOneStep() {
        List<Buffer> buffers = List.of(
                new Buffer(1, 100, 0, 2), new Buffer(2, 50, 2, 3), new Buffer(3, 30, 3, 3), new Buffer(4, 7, 4, 9));
        // Step 2: 100 + 52, step 3: 52 + 32, step 4: 8.
        assertEquals(152, MemoryPlanner.lowerBound(buffers, 4));
        assertEquals(150, MemoryPlanner.lowerBound(buffers, 1));
        assertEquals(0, MemoryPlanner.lowerBound(List.of(), 4));
    }

    @Test
    void persistentBuffersGetARegionOfTheirOwnAtTheStartOfTheArena() {
        // The state is live at step 0 only, yet nothing may reuse its bytes: they carry to the next run.
        List<Buffer> buffers = List.of(new Buffer(1, 64, 0, 0), new Buffer(7, 20, 0, 0, true), new Buffer(2, 64, 1, 1),
                new Buffer(8, 16, 1, 1, true));
        for (Strategy strategy : MemoryPlanner.strategies()) {
            MemoryPlan plan = MemoryPlanner.plan(buffers, 16, strategy);
            assertEquals(48, plan.persistentBytes(), strategy.name());
            assertEquals(0, plan.of(7).offset(), strategy.name());
            assertEquals(32, plan.of(8).offset(), strategy.name());
            assertEquals(48, plan.of(1).offset(), strategy.name());
            assertEquals(48, plan.of(2).offset(), strategy.name());
            assertEquals(112, plan.arenaBytes(), strategy.name());
        }
        assertEquals(112, MemoryPlanner.lowerBound(buffers, 16));
    }

    @Test
    void buffersNeverLiveTogetherAllStartAtZero() {
        List<Buffer> buffers = List.of(new Buffer(1, 64, 0, 0), new Buffer(2, 16, 1, 1), new Buffer(3, 128, 2, 5));
        MemoryPlan plan = MemoryPlanner.plan(buffers, 16);
        plan.placements().forEach(p -> assertEquals(0, p.offset()));
        assertEquals(128, plan.arenaBytes());
    }

    @Test
    void greedyBySizePlacesTheLargestFirstAtTheLowestFreeOffset() {
        // Largest (C) at 0; A lives with C so goes above it; B lives only with A, so it takes 0.
        List<Buffer> buffers = List.of(new Buffer(1, 10, 0, 2), new Buffer(2, 20, 0, 0), new Buffer(3, 30, 2, 3));
        MemoryPlan plan = MemoryPlanner.plan(buffers, 1, new GreedyBySize());
        assertEquals(0, plan.of(3).offset());
        assertEquals(30, plan.of(1).offset());
        assertEquals(0, plan.of(2).offset());
        assertEquals(40, plan.arenaBytes());
    }

    @Test
    void bestFitTakesTheTightestGapWhereFirstFitTakesTheLowest() {
        // Two gaps open below the top for a 10-byte buffer: [0, 40) and [50, 60).
        List<Buffer> buffers = List.of(
                new Buffer(1, 100, 0, 0), new Buffer(2, 40, 1, 3), new Buffer(3, 10, 1, 3),
                new Buffer(4, 10, 2, 2), new Buffer(5, 40, 1, 1));
        MemoryPlan firstFit = MemoryPlanner.plan(buffers, 1, new GreedyBySize());
        MemoryPlan bestFit = MemoryPlanner.plan(buffers, 1, new BestFitBySize());
        assertTrue(firstFit.of(4).offset() < bestFit.of(4).offset() || firstFit.of(4).equals(bestFit.of(4)));
        assertEquals(firstFit.arenaBytes(), bestFit.arenaBytes());
    }

    @Test
    void planOfAnUnknownIdIsAnError() {
        MemoryPlan plan = MemoryPlanner.plan(List.of(new Buffer(1, 4, 0, 0)), 4);
        assertThrows(NoSuchElementException.class, () -> plan.of(2));
    }

    @Test
    void alignmentMustBeAPowerOfTwo() {
        List<Buffer> buffers = List.of(new Buffer(1, 4, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MemoryPlanner.plan(buffers, 3));
        assertThrows(IllegalArgumentException.class, () -> MemoryPlanner.plan(buffers, 0));
        assertThrows(IllegalArgumentException.class, () -> MemoryPlanner.lowerBound(buffers, -4));
    }

    @Test
    void bufferIdsMustBeUnique() {
        List<Buffer> buffers = List.of(new Buffer(1, 4, 0, 0), new Buffer(1, 8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MemoryPlanner.plan(buffers, 4));
    }

    @Test
    void bufferMustHaveBytesAndEndNoEarlierThanItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Buffer(1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Buffer(1, 4, 3, 2));
    }

    @Test
    void aStrategyThatLeavesABufferOutIsCaughtByTheChecker() {
        Strategy forgetful = new Strategy() {
            @Override
            public String name() {
                return "forgetful";
            }

            @Override
            public java.util.Map<Integer, Long> place(List<Buffer> buffers, int alignment) {
                return java.util.Map.of(1, 0L);
            }
        };
        List<Buffer> buffers = List.of(new Buffer(1, 4, 0, 0), new Buffer(2, 4, 0, 0));
        PlanException e = assertThrows(PlanException.class, () -> MemoryPlanner.plan(buffers, 4, forgetful));
        assertTrue(e.getMessage().contains("buffer 2 (4 bytes, steps 0..0) has no placement"), e.getMessage());
    }

    /**
     * Large inputs plan to a checked layout close to the bound (how long planning takes is the
     * compile-speed benchmark's to measure, bench/compile-speed; the suite's timeouts stop a hang).
     */
    @Test
    void plansFourHundredGraphLikeBuffersNearTheLowerBound() {
        assertPlannedNearTheBound(network(new Random(1), 330));
    }

    @Test
    void plansThreeHundredDenseRandomIntervalsWithinTheirLargestBufferOfTheBound() {
        Random random = new Random(2);
        List<Buffer> buffers = new ArrayList<>();
        for (int id = 0; id < 300; id++) {
            int first = random.nextInt(60);
            buffers.add(new Buffer(id, 1 + random.nextInt(1 << random.nextInt(16)), first, first + random.nextInt(20)));
        }
        assertPlannedNearTheBound(buffers);
    }

    /** The plan (checked by MemoryPlanner itself) stays within the largest buffer of the lower bound. */
    private static void assertPlannedNearTheBound(List<Buffer> buffers) {
        MemoryPlan plan = MemoryPlanner.plan(buffers, 16);
        long largest = buffers.stream().mapToLong(b -> (b.size() + 15) / 16 * 16).max().orElse(0);
        assertEquals(buffers.size(), plan.placements().size());
        assertTrue(plan.arenaBytes() >= plan.lowerBoundBytes());
        assertTrue(plan.arenaBytes() <= plan.lowerBoundBytes() + largest,
                () -> "arena " + plan.arenaBytes() + " > lower bound " + plan.lowerBoundBytes() + " + " + largest);
    }

    /** A network of {@code ops} operators with occasional skips and scratch, as {@link Lifetimes#graphLike} makes. */
    private static List<Buffer> network(Random random, int ops) {
        List<Lifetimes.Op> list = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            int reach = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(random.nextInt(10) < 7 ? 3 : 19);
            long scratch = random.nextInt(5) == 0 ? 1 + random.nextInt(4096) : 0;
            list.add(new Lifetimes.Op(1 + random.nextInt(1 << random.nextInt(17)), reach, scratch));
        }
        return Lifetimes.network(1024, list);
    }
}
