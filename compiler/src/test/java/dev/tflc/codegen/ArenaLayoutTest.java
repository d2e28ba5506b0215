package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.SharedModels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The arena layout of every shared model: reshapes are free, and the arena stays near the lower bound. */
class ArenaLayoutTest {
    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reshapeSharesItsInputsMemoryWhenTheInputDiesThere(Path model) {
        Graph g = ModelReader.read(model).main();
        ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
        for (Operator op : g.operators()) {
            if (op.kind().equals("RESHAPE") && !g.outputs().contains(op.input(0))) {
                assertTrue(layout.isAliased(op.index()), "RESHAPE " + op.index() + " is aliased");
                assertEquals(layout.offsets()[op.input(0)], layout.offsets()[op.output(0)]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void arenaIsWithinLowerBoundPlusLargestTensor(Path model) {
        Graph g = ModelReader.read(model).main();
        ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
        long largest = g.tensors().stream().filter(t -> !t.isConstant()).mapToLong(t -> (t.byteSize() + 3) / 4 * 4)
                .max().orElse(0);
        assertTrue(layout.arenaBytes() >= layout.lowerBoundBytes());
        assertTrue(layout.arenaBytes() <= layout.lowerBoundBytes() + largest,
                model + ": arena " + layout.arenaBytes() + " > lower bound " + layout.lowerBoundBytes() + " + " + largest);
    }

    /**
     * As compiled (the passes, the lowering with its scratch and its in-place declarations, every
     * target alignment from 4 to 16): the arena never exceeds the lower bound of keeping each tensor
     * apart from those live with it, and it equals the in-place lower bound: the same bound with each
     * chain of layers written over their inputs counted as the one buffer the planner made of it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void compiledArenaIsAtMostTheLowerBoundAndExactlyTheInPlaceBound(Path model) {
        Graph g = ModelReader.read(model).main();
        for (String target : java.util.List.of("cortex-m4", "host")) {
            Compilation c = Compilation.of(g, dev.tflc.target.Target.load(target), null);
            ArenaLayout layout = c.layout();
            assertTrue(layout.arenaBytes() <= layout.lowerBoundBytes(),
                    model + " " + target + ": arena " + layout.arenaBytes() + " > lower bound " + layout.lowerBoundBytes());
            assertTrue(layout.inPlaceLowerBoundBytes() <= layout.lowerBoundBytes());
            assertEquals(layout.inPlaceLowerBoundBytes(), layout.arenaBytes(), model + " " + target);
        }
    }

    /**
     * With layers written over their inputs, the arenas on the Cortex-M4 stay within what a firmware
     * engineer was promised: KWS at most 9,000 bytes, VWW, person_detect and IC ResNet-8 at most 40,000.
     */
    @org.junit.jupiter.api.Test
    void inPlaceLayersKeepTheArenasWithinTheirTargets() {
        java.util.Map<String, Long> targets = java.util.Map.of("mlperf-tiny/kws_dscnn_int8.tflite", 9_000L,
                "mlperf-tiny/vww_mobilenet_int8.tflite", 40_000L, "tflm-examples/person_detect_int8.tflite", 40_000L,
                "mlperf-tiny/ic_resnet8_int8.tflite", 40_000L);
        targets.forEach((model, most) -> {
            Graph g = ModelReader.read(SharedModels.root().resolve(model)).main();
            Compilation c = Compilation.of(g, dev.tflc.target.Target.load("cortex-m4"), null);
            assertTrue(c.layout().arenaBytes() <= most, model + ": arena " + c.layout().arenaBytes());
        });
    }

    /** A graph input that no operator reads still has its own bytes: the caller writes it. */
    @org.junit.jupiter.api.Test
    void anUnreadGraphInputHasItsOwnPlace() {
        Graph g = ModelReader.read(SharedModels.root().resolve("tflm-examples/simple_add_int8.tflite")).main();
        Operator add = g.operators().get(0);
        int unread = add.input(1);
        Operator readsOneInputTwice = new Operator(add.index(), add.kind(), add.version(),
                java.util.List.of(add.input(0), add.input(0)), add.outputs(), add.options());
        Graph edited = new Graph(g.name(), g.tensors(), java.util.List.of(readsOneInputTwice), g.inputs(), g.outputs());
        ArenaLayout layout = ArenaLayout.of(edited, dev.tflc.ops.Operators.prepare(edited), 4);
        long at = layout.offsets()[unread];
        long size = g.tensor(unread).byteSize();
        assertTrue(at >= 0 && at + size <= layout.arenaBytes(), "unread input at " + at);
        for (int t : java.util.List.of(add.input(0), add.output(0))) {
            long o = layout.offsets()[t];
            assertTrue(o + g.tensor(t).byteSize() <= at || at + size <= o, "tensor " + t + " overlaps the unread input");
        }
    }

    @org.junit.jupiter.api.Test
    void scratchIsPlannedForItsOneStepAndCountsInTheLowerBound() {
        Graph g = ModelReader.read(SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite")).main();
        java.util.List<dev.tflc.ops.Kernel> kernels = dev.tflc.ops.Operators.prepare(g);
        ArenaLayout without = ArenaLayout.of(g, kernels, 4);
        long[] scratch = new long[g.operators().size()];
        int step = g.operators().size() - 2; // the average pool, where the live tensors are small
        scratch[step] = 100_000;
        ArenaLayout with = ArenaLayout.of(g, kernels, scratch, 4);
        long live = 0;
        for (int t = 0; t < g.tensors().size(); t++) {
            long offset = with.offsets()[t];
            if (offset < 0) {
                continue;
            }
            boolean liveAtStep = g.operators().get(step).inputs().contains(t)
                    || g.operators().get(step).outputs().contains(t);
            if (liveAtStep) {
                live += (g.tensor(t).byteSize() + 3) / 4 * 4;
                long end = offset + g.tensor(t).byteSize();
                long s0 = with.scratchOffset(step);
                assertTrue(end <= s0 || s0 + scratch[step] <= offset, "scratch overlaps tensor " + t);
            }
        }
        assertTrue(with.lowerBoundBytes() >= live + 100_000, "the lower bound counts the scratch");
        assertTrue(with.lowerBoundBytes() > without.lowerBoundBytes());
        assertEquals(-1, with.scratchOffset(0), "no scratch, no offset");
    }

    @org.junit.jupiter.api.Test
    void thePlanCheckerRejectsScratchOverlappingALiveTensor() {
        java.util.List<dev.tflc.plan.Buffer> buffers = java.util.List.of(new dev.tflc.plan.Buffer(0, 64, 0, 2),
                new dev.tflc.plan.Buffer(1, 32, 1, 1));
        dev.tflc.plan.MemoryPlan bad = new dev.tflc.plan.MemoryPlan(java.util.List.of(
                new dev.tflc.plan.Placement(0, 0, 64), new dev.tflc.plan.Placement(1, 32, 32)), 96, 96, 4);
        org.junit.jupiter.api.Assertions.assertThrows(dev.tflc.plan.PlanException.class,
                () -> dev.tflc.plan.PlanChecker.check(buffers, bad));
    }
}
