package dev.tflc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class MemoryPlannerProperties {
    @Provide
    Arbitrary<List<Buffer>> randomBuffers() {
        return Lifetimes.randomIntervals(0, 60, 40);
    }

    @Provide
    Arbitrary<List<Buffer>> denseIntervals() {
        return Lifetimes.randomIntervals(100, 100, 60);
    }

    @Provide
    Arbitrary<List<Buffer>> graphLike() {
        return Lifetimes.graphLike(80);
    }

    @Provide
    Arbitrary<Integer> alignments() {
        return Arbitraries.of(1, 2, 4, 8, 16);
    }

    @Property(tries = 300)
    void everyStrategysPlanOfRandomBuffersPassesTheCheckerAndIsNoSmallerThanTheLowerBound(
            @ForAll("randomBuffers") List<Buffer> buffers, @ForAll("alignments") int alignment) {
        long bound = MemoryPlanner.lowerBound(buffers, alignment);
        for (Strategy strategy : MemoryPlanner.strategies()) {
            MemoryPlan plan = MemoryPlanner.plan(buffers, alignment, strategy);
            PlanChecker.check(buffers, plan);
            assertEquals(bound, plan.lowerBoundBytes(), strategy.name());
            assertTrue(plan.arenaBytes() >= bound, strategy.name());
            assertEquals(alignment, plan.alignment());
        }
    }

    @Property(tries = 300)
    void chosenPlanIsNoBiggerThanAnySingleStrategysPlan(
            @ForAll("randomBuffers") List<Buffer> buffers, @ForAll("alignments") int alignment) {
        MemoryPlan chosen = MemoryPlanner.plan(buffers, alignment);
        PlanChecker.check(buffers, chosen);
        for (Strategy strategy : MemoryPlanner.strategies()) {
            long arena = MemoryPlanner.plan(buffers, alignment, strategy).arenaBytes();
            assertTrue(chosen.arenaBytes() <= arena, () -> strategy.name() + " found " + arena + " < " + chosen.arenaBytes());
        }
    }

    @Property(tries = 100)
    void planIsTheSameForTheSameBuffersInAnyOrder(
            @ForAll("randomBuffers") List<Buffer> buffers, @ForAll("alignments") int alignment, @ForAll long seed) {
        List<Buffer> shuffled = new ArrayList<>(buffers);
        Collections.shuffle(shuffled, new Random(seed));
        MemoryPlan plan = MemoryPlanner.plan(buffers, alignment);
        MemoryPlan again = MemoryPlanner.plan(buffers, alignment);
        MemoryPlan reordered = MemoryPlanner.plan(shuffled, alignment);
        assertEquals(plan, again);
        assertEquals(plan.arenaBytes(), reordered.arenaBytes());
        for (Buffer b : buffers) {
            assertEquals(plan.of(b.id()), reordered.of(b.id()));
        }
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void graphLikeLifetimesFitInLowerBoundPlusLargestBuffer(
            @ForAll("graphLike") List<Buffer> buffers, @ForAll("alignments") int alignment) {
        MemoryPlan plan = MemoryPlanner.plan(buffers, alignment);
        long limit = plan.lowerBoundBytes() + Lifetimes.largestAligned(buffers, alignment);
        Statistics.label("arena").collect(plan.arenaBytes() == plan.lowerBoundBytes() ? "at lower bound" : "above lower bound");
        Statistics.label("buffers").collect(buffers.size() < 30 ? "< 30" : buffers.size() < 60 ? "30..59" : ">= 60");
        assertTrue(plan.arenaBytes() <= limit, () -> "arena " + plan.arenaBytes() + " > " + limit + " for " + buffers);
    }

    /**
     * Measures, without asserting, how often dense random intervals (100 buffers over 60 steps, about
     * 17 live at once) fit in the lower bound plus the largest buffer: unlike graph-like lifetimes,
     * they do not always (seen in 0.6% to 3% of cases, at worst 1.6 largest buffers above the bound).
     */
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void denseRandomIntervalsMeasuredAgainstLowerBoundPlusLargestBuffer(@ForAll("denseIntervals") List<Buffer> buffers) {
        MemoryPlan plan = MemoryPlanner.plan(buffers, 1);
        long limit = plan.lowerBoundBytes() + Lifetimes.largestAligned(buffers, 1);
        Statistics.label("arena vs lower bound + largest").collect(plan.arenaBytes() <= limit ? "within" : "exceeds");
        assertTrue(plan.arenaBytes() >= plan.lowerBoundBytes());
    }
}
