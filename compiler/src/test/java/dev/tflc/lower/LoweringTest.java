package dev.tflc.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tflc.codegen.Compilation;
import dev.tflc.target.Target;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Operator;
import dev.tflc.tflite.ModelReader;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.SharedModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel sets in order of preference: the first that accepts wins, and each refusal says why. */
class LoweringTest {
    private static Graph model(String name) {
        return ModelReader.read(SharedModels.root().resolve(name)).main();
    }

    @Test
    void byDefaultOptimizedTakesTheWeightedLayersAndPortableTheRestWithTheReason() {
        Compilation c = Compilation.of(model("mlperf-tiny/kws_dscnn_int8.tflite"), Target.load("cortex-m4"), null);
        assertEquals(List.of("optimized", "portable"), c.lowering().order());
        for (Operator op : c.graph().operators()) {
            LoweredLayer l = c.lowering().layer(op.index());
            String function = l.implementation().function();
            switch (op.kind()) {
                case "CONV_2D" -> assertTrue(function.matches("conv_2d_\\d+_opt_(1x1|conv)"), function);
                case "DEPTHWISE_CONV_2D" -> assertTrue(function.matches("depthwise_conv_2d_\\d+_opt_depthwise"),
                        function);
                case "FULLY_CONNECTED" -> assertTrue(function.matches("fully_connected_\\d+_opt_fc"), function);
                default -> {
                    assertEquals("portable", l.implementation().kernelSet());
                    assertEquals(List.of(new LoweredLayer.Declined("optimized",
                            "no optimized kernel for int8 " + op.kind())), l.declined());
                    assertEquals(0, l.implementation().scratchBytes());
                }
            }
            if (!l.implementation().kernelSet().equals("portable")) {
                assertEquals("optimized", l.implementation().kernelSet());
                assertTrue(l.declined().isEmpty());
                assertTrue(l.implementation().code() != null, "emits its own code");
            }
        }
    }

    @Test
    void portableFirstTakesEveryLayer() {
        Compilation c = Compilation.of(model("mlperf-tiny/kws_dscnn_int8.tflite"), Target.load("cortex-m4"),
                "portable");
        assertEquals(List.of("portable"), c.lowering().order());
        for (LoweredLayer l : c.lowering().layers()) {
            assertEquals("portable", l.implementation().kernelSet());
            assertTrue(l.declined().isEmpty());
            assertEquals(0, l.implementation().scratchBytes());
        }
    }

    /**
     * For size, a set whose implementation is code of the layer's own declines with the reason; the
     * shared kernels chosen for speed stay: CMSIS-NN's calls when it comes first.
     */
    @Test
    void forSizeNoLayerHasCodeOfItsOwnAndSharedKernelsStay() {
        for (String name : List.of("mlperf-tiny/kws_dscnn_int8.tflite", "tflm-examples/micro_speech_int8.tflite")) {
            for (String first : java.util.Arrays.asList(null, "cmsis-nn")) {
                Graph g = model(name);
                Target m4 = Target.load("cortex-m4");
                Lowering speed = Compilation.of(g, m4, first).lowering();
                Lowering size = Compilation.of(g, m4, first, Goal.SIZE).lowering();
                assertEquals(speed.order(), size.order());
                assertEquals(Goal.SIZE, size.goal());
                for (int i = 0; i < size.layers().size(); i++) {
                    Implementation fast = speed.implementation(i);
                    Implementation small = size.implementation(i);
                    String what = name + " " + first + " layer " + i;
                    assertEquals(null, small.code(), what);
                    if (fast.code() == null) {
                        assertEquals(fast.function(), small.function(), what);
                        assertEquals(speed.layer(i).declined(), size.layer(i).declined(), what);
                    } else {
                        assertTrue(size.layer(i).declined().contains(new LoweredLayer.Declined(fast.kernelSet(),
                                "--optimize size: its implementation is a function of this layer's own ("
                                        + fast.function() + "), code no other layer shares; a shared kernel costs "
                                        + "less flash")), what + ": " + size.layer(i).declined());
                    }
                }
            }
        }
    }

    @Test
    void cmsisNnTakesWhatItCoversAndPortableTheRestWithTheReason() {
        Compilation c = Compilation.of(model("mlperf-tiny/kws_dscnn_int8.tflite"), Target.load("cortex-m4"),
                "cmsis-nn");
        assertEquals(List.of("cmsis-nn", "optimized", "portable"), c.lowering().order());
        Graph g = c.graph();
        for (Operator op : g.operators()) {
            LoweredLayer l = c.lowering().layer(op.index());
            switch (op.kind()) {
                case "CONV_2D" -> assertTrue(l.implementation().function().startsWith("arm_convolve_"), op.kind());
                case "DEPTHWISE_CONV_2D" -> assertEquals("arm_depthwise_conv_3x3_s8", l.implementation().function());
                case "FULLY_CONNECTED" -> assertEquals("arm_fully_connected_s8", l.implementation().function());
                case "AVERAGE_POOL_2D" -> assertEquals("arm_avgpool_s8", l.implementation().function());
                case "SOFTMAX" -> assertEquals("arm_softmax_s8", l.implementation().function());
                case "RESHAPE" -> {
                    assertEquals("portable", l.implementation().kernelSet());
                    assertEquals(List.of(new LoweredLayer.Declined("cmsis-nn", "CMSIS-NN has no int8 RESHAPE kernel"),
                            new LoweredLayer.Declined("optimized", "no optimized kernel for int8 RESHAPE")),
                            l.declined());
                }
                default -> throw new AssertionError("unexpected " + op.kind());
            }
        }
        // The average pool's DSP scratch (4 bytes per channel) is planned in the arena.
        int pool = g.operators().stream().filter(o -> o.kind().equals("AVERAGE_POOL_2D")).findFirst().orElseThrow()
                .index();
        assertEquals(4L * 64, c.lowering().implementation(pool).scratchBytes());
        assertTrue(c.layout().scratchOffset(pool) >= 0);
    }

    @Test
    void floatLayersFallBackToTheNextSet() {
        Compilation f = Compilation.of(model("mlperf-tiny/ic_resnet8_float.tflite"), Target.load("cortex-m4"),
                "cmsis-nn");
        LoweredLayer conv = f.lowering().layer(0);
        assertEquals("optimized", conv.implementation().kernelSet());
        assertEquals("CMSIS-NN has no float32 CONV_2D kernel", conv.declined().get(0).reason());
        // without an FPU the optimized set declines it too
        LoweredLayer noFpu = Compilation.of(model("mlperf-tiny/ic_resnet8_float.tflite"), Target.load("cortex-m3"),
                "cmsis-nn").lowering().layer(0);
        assertEquals("portable", noFpu.implementation().kernelSet());
    }

    @Test
    void scratchOnMveFullyConnectedIsReplacedByKernelSumsInFlash() {
        Compilation c = Compilation.of(model("mlperf-tiny/ad_autoencoder_int8.tflite"), Target.load("cortex-m55"),
                "cmsis-nn");
        for (LoweredLayer l : c.lowering().layers()) {
            if (l.implementation().function().startsWith("arm_fully_connected")) {
                assertEquals(0, l.implementation().scratchBytes());
            }
        }
        assertTrue(c.otherTableBytes() > 0, "kernel sums are constant data");
    }

    /**
     * IC ResNet-8's three residual ADDs run in the stores of the convolution that writes their later
     * input (the shortcut's 1x1 where it comes after the main branch): that convolution's output is
     * never stored, the ADD's output is written over the residual at its own place, and the ADD runs
     * nothing.
     */
    @Test
    void residualAddsRunInTheStoresOfTheConvolutionThatWritesTheirLaterInput() {
        Compilation c = Compilation.of(model("mlperf-tiny/ic_resnet8_int8.tflite"), Target.load("cortex-m4"), null);
        assertEquals(List.of(new Fusion(2, 3, 22), new Fusion(6, 7, 27), new Fusion(10, 11, 31)),
                c.lowering().fusions());
        for (Fusion f : c.lowering().fusions()) {
            int own = c.graph().operators().get(f.producer()).output(0);
            assertEquals(-1, c.layout().offsets()[own], "the convolution's own output is never stored");
            assertTrue(c.lowering().implementation(f.producer()).function().endsWith("_add"));
            assertTrue(c.runsNothing(f.consumer()));
            assertEquals("done in the stores of layer " + f.producer(), c.nothingToDo(f.consumer()));
            // the ADD's output over the residual, at its own place
            assertEquals(f.residualPosition(c.graph()), c.layout().inPlaceInput(f.producer()));
            int sum = c.graph().operators().get(f.consumer()).output(0);
            assertEquals(c.layout().offsets()[f.residual()], c.layout().offsets()[sum]);
        }
        // report.json: the pair on both operators, the convolution's own output never stored
        com.fasterxml.jackson.databind.JsonNode report;
        try {
            report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dev.tflc.codegen.CGenerator.generate(c,
                    new dev.tflc.codegen.CGenerator.Options("model", Target.load("cortex-m4"), null, false, "ic.tflite"))
                    .files().get("report.json"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        for (int op : new int[] {6, 7}) {
            com.fasterxml.jackson.databind.JsonNode fused = report.get("operators").get(op).get("fused");
            assertEquals(6, fused.get("layer").asInt());
            assertEquals(7, fused.get("add").asInt());
            assertEquals(27, fused.get("residual").asInt());
        }
        assertTrue(report.get("operators").get(7).get("implementation").get("function").isNull());
        com.fasterxml.jackson.databind.JsonNode own = report.get("operators").get(6).get("outputs").get(0);
        assertTrue(own.get("offset").isNull() && own.get("fused").asBoolean(), own.toString());
        assertTrue(report.get("operators").get(5).get("fused").isNull());
        // portable kernels do no ADD in their stores
        assertTrue(Compilation.of(model("mlperf-tiny/ic_resnet8_int8.tflite"), Target.load("cortex-m4"), "portable")
                .lowering().fusions().isEmpty());
    }

    /**
     * The ADD runs in the convolution's stores only when nothing else needs the convolution's output
     * and the ADD adds element by element.
     */
    @Test
    void anAddIsFusedOnlyWhenTheConvolutionsOutputIsItsAloneAndShapesMatch() {
        for (RandomModels.Residual variant : RandomModels.Residual.values()) {
            Graph g = ModelReader.read(RandomModels.residualVariant(variant, 3).model(), variant.name()).main();
            Compilation c = Compilation.of(g, Target.load("host"), null);
            assertEquals(variant == RandomModels.Residual.PLAIN, !c.lowering().fusions().isEmpty(), variant.name());
        }
    }

    @Test
    void aConcatenationAlongTheChannelsIsWrittenInPlaceByItsProducers() throws Exception {
        Graph g = ModelReader.read(RandomModels.concatenationVariant(RandomModels.Joined.CHANNELS, 3).model(),
                "channels").main();
        Compilation c = Compilation.of(g, Target.load("host"), null);
        assertEquals(1, c.lowering().interleavings().size());
        Interleaving i = c.lowering().interleavings().get(0);
        assertEquals(List.of(2, 0, 1, 20), List.of(i.concatenation(), i.producers().get(0), i.producers().get(1),
                i.rounds()));
        assertTrue(c.runsNothing(2));
        assertEquals("inputs written in place by their producers, their 20 rows each interleaved in the output",
                c.nothingToDo(2));
        // each part at its channels of the output's pixels: 5 of every 12 bytes from byte 0, 7 from byte 5
        dev.tflc.codegen.ArenaLayout layout = c.layout();
        assertEquals(layout.offsets()[g.operators().get(2).output(0)], layout.offsets()[g.operators().get(0).output(0)]);
        assertEquals(layout.offsets()[g.operators().get(2).output(0)] + 5, layout.offsets()[g.operators().get(1).output(0)]);
        assertArrayEquals(new long[] {5, 12}, c.layout().rows(g.operators().get(0).output(0)));
        assertArrayEquals(new long[] {7, 12}, c.layout().rows(g.operators().get(1).output(0)));
        assertEquals("into layer 2's CONCATENATION, rows of 7 bytes every 12 from byte 5 of its output",
                c.interleavedDescription(1));
        // each producer's function stores its pixels 12 elements apart
        java.util.Map<String, byte[]> files = dev.tflc.codegen.CGenerator.generate(c,
                new dev.tflc.codegen.CGenerator.Options("model", Target.load("host"), null, false, "m.tflite")).files();
        String source = new String(files.get("model.c"), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, source.split("12, /\\* elements from one output pixel to the next", -1).length - 1, source);
        // report.json: the interleaving on all three operators, each part's rows
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.get("report.json"));
        for (int op = 0; op < 3; op++) {
            JsonNode in = report.get("operators").get(op).get("interleaved");
            assertEquals(2, in.get("concatenation").asInt());
            assertEquals(20, in.get("rows").asInt());
        }
        JsonNode part = report.get("operators").get(1).get("outputs").get(0);
        assertEquals(7, part.get("row_bytes").asInt());
        assertEquals(12, part.get("row_stride").asInt());
        // the portable kernels write no part in place: the concatenation copies
        assertTrue(Compilation.of(g, Target.load("host"), "portable").lowering().interleavings().isEmpty());
    }

    @Test
    void aConcatenationIsWrittenByItsProducersOnlyWhenEachPartIsTheirsAloneAlongThePixels() throws Exception {
        for (RandomModels.Joined variant : List.of(RandomModels.Joined.CHANNELS, RandomModels.Joined.ALSO_AN_OUTPUT,
                RandomModels.Joined.READ_TWICE, RandomModels.Joined.POOLED, RandomModels.Joined.AN_INPUT,
                RandomModels.Joined.WIDTH)) {
            Graph g = ModelReader.read(RandomModels.concatenationVariant(variant, 3).model(), variant.name()).main();
            Compilation c = Compilation.of(g, Target.load("host"), null);
            assertEquals(variant == RandomModels.Joined.CHANNELS, !c.lowering().interleavings().isEmpty(),
                    variant.name());
        }
    }

    /**
     * A concatenation written by its producers holds its whole from its first part's birth: where a
     * later branch's wide tensor lives meanwhile, copying costs less arena, and the producers write
     * their own outputs.
     */
    @Test
    void aConcatenationIsCopiedWhereWritingItInPlaceCostsArena() {
        Graph g = ModelReader.read(RandomModels.concatenationVariant(RandomModels.Joined.WIDE_LATE_BRANCH, 3)
                .model(), "wide").main();
        Target host = Target.load("host");
        Compilation c = Compilation.of(g, host, null);
        Lowering all = Lowering.of(c.graph(), c.kernels(), host, KernelSets.order(host, null), Goal.SPEED);
        assertEquals(1, all.interleavings().size(), "the lowering offers it");
        assertTrue(c.lowering().interleavings().isEmpty(), "the plan undoes it");
        int concatenation = all.interleavings().get(0).concatenation();
        assertEquals(null, c.nothingToDo(concatenation));
        for (int p : all.interleavings().get(0).producers()) {
            // each producer's own function, its pixels one after another
            assertTrue(all.implementation(p).code().functions().contains("of layer " + concatenation + "'s"));
            assertTrue(!c.lowering().implementation(p).code().functions().contains("of layer " + concatenation + "'s"),
                    c.lowering().implementation(p).code().functions());
        }
    }
}
