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
     * apart from those live with it, and it is within 16 bytes of the in-place lower bound (the same
     * bound with the bytes of each chain of layers written over their inputs counted where its live
     * layers lie), which no plan with those chains can beat.
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
            assertTrue(layout.arenaBytes() >= layout.inPlaceLowerBoundBytes(), model + " " + target);
            assertTrue(layout.arenaBytes() <= layout.inPlaceLowerBoundBytes() + 16, model + " " + target + ": arena "
                    + layout.arenaBytes() + ", in-place bound " + layout.inPlaceLowerBoundBytes());
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

    /**
     * A concatenation whose inputs are its output's bytes one after another is joined: each input is
     * placed inside the output at the bytes of the inputs before it (so its producer writes it there)
     * and the concatenation runs nothing; the arena is then below the bound of keeping them apart.
     */
    @org.junit.jupiter.api.Test
    void concatenationOfComputedPartsAlongTheOuterAxisIsWrittenInPlace() {
        Graph g = concatenation(new int[] {1, 8}, 1, false, false);
        ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
        Operator concat = g.operators().get(2);
        assertTrue(layout.isJoined(2) && layout.isAliased(2));
        long out = layout.offsets()[concat.output(0)];
        assertEquals(out, layout.offsets()[concat.input(0)]);
        assertEquals(out + 4 * 4, layout.offsets()[concat.input(1)]);
        // x (16 bytes) and the output (32) at once; apart, the parts (32) and the output (32) at the concatenation
        assertEquals(48, layout.arenaBytes());
        assertEquals(64, layout.lowerBoundBytes());
    }

    /**
     * Not joined: parts that are not consecutive in the output (an axis with more than 1 before it),
     * a graph output among the parts, the same tensor twice.
     */
    @org.junit.jupiter.api.Test
    void concatenationIsKeptApartWhereThePartsCannotBeItsBytes() {
        for (Graph g : java.util.List.of(concatenation(new int[] {2, 4}, 1, false, false),
                concatenation(new int[] {1, 8}, 1, true, false), concatenation(new int[] {1, 8}, 1, false, true))) {
            ArenaLayout layout = ArenaLayout.of(g, dev.tflc.ops.Operators.prepare(g), 4);
            assertTrue(!layout.isJoined(g.operators().size() - 1) && !layout.isAliased(g.operators().size() - 1));
        }
    }

    /**
     * x (float32, the output's shape with the axis halved) twice through ADD (x + x), the two sums
     * concatenated along {@code axis}; the first sum also a graph output when {@code partIsOutput},
     * or the first sum taken twice when {@code sameTwice}.
     */
    private static Graph concatenation(int[] outDims, int axis, boolean partIsOutput, boolean sameTwice) {
        int[] partDims = outDims.clone();
        partDims[axis] /= 2;
        dev.tflc.ir.Shape part = dev.tflc.ir.Shape.of(partDims);
        java.util.List<dev.tflc.ir.Tensor> t = new java.util.ArrayList<>();
        for (String name : java.util.List.of("x", "a", "b")) {
            t.add(new dev.tflc.ir.Tensor(t.size(), name, dev.tflc.ir.TensorType.FLOAT32, part, null, null, false));
        }
        t.add(new dev.tflc.ir.Tensor(3, "out", dev.tflc.ir.TensorType.FLOAT32, dev.tflc.ir.Shape.of(outDims), null,
                null, false));
        java.util.List<Operator> ops = java.util.List.of(
                new Operator(0, "ADD", 1, java.util.List.of(0, 0), java.util.List.of(1), dev.tflc.ir.Options.NONE),
                new Operator(1, "ADD", 1, java.util.List.of(0, 0), java.util.List.of(2), dev.tflc.ir.Options.NONE),
                new Operator(2, "CONCATENATION", 1, java.util.List.of(1, sameTwice ? 1 : 2), java.util.List.of(3),
                        new dev.tflc.ir.Options("ConcatenationOptions", java.util.Map.of("axis", axis))));
        java.util.List<Integer> outputs = partIsOutput ? java.util.List.of(3, 1) : java.util.List.of(3);
        return new Graph("concatenation", t, ops, java.util.List.of(0), outputs);
    }
}
