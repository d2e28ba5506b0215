package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.codegen.HostCompiler;
import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import dev.tflc.testing.CBuild;
import dev.tflc.testing.Int4Weights;
import dev.tflc.testing.Outputs;
import dev.tflc.testing.RandomModels;
import dev.tflc.testing.RandomModels.Case;
import dev.tflc.testing.RandomModels.Precision;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real model's weights as INT4 (KWS: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED), compiled with
 * the default kernel sets: the weights stay packed in flash (half the INT8 twin's bytes in model.c and
 * report.json), the optimized set declines those layers with its reason, each layer unpacks into its
 * planned scratch, and the built program gives the INT8 twin's reference outputs bit for bit.
 */
class Int4WeightsCompileTest {
    private static final Path KWS = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite");

    private static long figure(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> regex + " in " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void int4KwsStaysPackedAndRunsAsItsInt8Twin(@TempDir Path tmp) throws Exception {
        byte[] input = new byte[49 * 10];
        new Random(3).nextBytes(input);
        Case kws = new Case("kws", SharedModels.read(KWS), List.of(input), List.of(12));
        Int4Weights.Twins twins = Int4Weights.twins(kws);
        Path int4 = tmp.resolve("kws_int4.tflite");
        Path int8 = tmp.resolve("kws_int8_twin.tflite");
        Files.write(int4, twins.int4().model());
        Files.write(int8, twins.int8().model());

        Graph g4 = ModelReader.read(twins.int4().model(), "int4").main();
        long packed = 0;
        long unpacked = 0;
        long largest = 0;
        for (Tensor t : g4.tensors()) {
            if (t.type() == TensorType.INT4) {
                packed += t.byteSize();
                unpacked += t.shape().elements();
                largest = Math.max(largest, t.shape().elements());
            }
        }
        assertTrue(packed > 0 && 2 * packed >= unpacked && 2 * packed <= unpacked + 20, packed + " of " + unpacked);

        MainTest.Result info = MainTest.tflc(new byte[0], "info", int4.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.text().contains("its weights are INT4"), info.text());
        MainTest.Result info8 = MainTest.tflc(new byte[0], "info", int8.toString(), "--kernels", "portable");
        long weights4 = figure(info.text(), "; weights ([0-9,]+) bytes");
        long weights8 = figure(info8.text(), "; weights ([0-9,]+) bytes");
        assertEquals(weights8 - unpacked + packed, weights4, "the INT4 tensors count packed, the rest as in INT8");
        // The arena holds one layer's unpacked filter at a time (host alignment 16) on top of the INT8 plan.
        long arena4 = figure(info.text(), "arena ([0-9,]+) bytes");
        long arena8 = figure(info8.text(), "arena ([0-9,]+) bytes");
        assertTrue(arena4 > arena8 && arena4 <= arena8 + (largest + 15) / 16 * 16,
                "arena " + arena4 + " against the INT8 twin's " + arena8 + " and a largest filter of " + largest);

        Path dir = tmp.resolve("c");
        MainTest.Result compile = MainTest.tflc(new byte[0], "compile", int4.toString(), "-o", dir.toString(),
                "--main");
        assertEquals(0, compile.code(), compile.err());
        String source = Files.readString(dir.resolve("model.c"));
        assertTrue(source.contains("tflc_unpack_s4("), "each INT4 layer unpacks its weights first");
        assertTrue(source.contains("INT4 (packed two to a byte, low nibble first)"), "the arrays say they are packed");
        assertEquals(weights4, figure(Files.readString(dir.resolve("report.json")), "\"weight_bytes\"\\s*:\\s*(\\d+)"));

        HostCompiler.build(dir, "gcc", new CBuild("gcc", "-O2", true).flags());
        byte[] ours = HostCompiler.run(dir, List.of("./prog"), input);
        byte[] expected = Interpreter.run(ModelReader.read(twins.int8().model(), "int8 twin").main(), List.of(input))
                .get(0);
        assertArrayEquals(expected, ours, "generated " + Outputs.hex(ours) + " vs the INT8 twin's reference "
                + Outputs.hex(expected));
    }

    @Test
    void perChannelInt4FullyConnectedAndRunTimeInt4AreRefusedInOneLine(@TempDir Path tmp) throws Exception {
        // a sample with more than one unit, so that its weights carry more than one scale
        Case perChannel = Int4Weights.int4(RandomModels.fullyConnected(Precision.INT8_PER_CHANNEL)).sampleStream()
                .filter(c -> ModelReader.read(c.model(), "fc").main().tensors().stream()
                        .anyMatch(t -> t.type() == TensorType.INT4 && t.quantization().isPerChannel()))
                .findFirst().orElseThrow();
        Path model = tmp.resolve("fc.tflite");
        Files.write(model, perChannel.model());
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", model.toString(), "-o", tmp.resolve("c").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("INT4 weights with per-channel quantization are not supported here")
                && r.err().strip().lines().count() == 1, r.err());

        Graph g = ModelReader.read(SharedModels.read(SharedModels.root().resolve(
                "tflm-examples/hello_world_int8.tflite")), "hello").main();
        List<Tensor> tensors = new java.util.ArrayList<>(g.tensors());
        Tensor in = g.inputTensors().get(0);
        tensors.set(in.index(), new Tensor(in.index(), in.name(), TensorType.INT4, in.shape(), in.quantization(), null,
                false));
        Path runTime = tmp.resolve("int4_input.tflite");
        Files.write(runTime, ModelWriter.write(new Model(List.of(new Graph(g.name(), tensors, g.operators(), g.inputs(),
                g.outputs())), "int4 input")));
        r = MainTest.tflc(new byte[0], "compile", runTime.toString(), "-o", tmp.resolve("d").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("type INT4 is supported for constant weights only")
                && r.err().strip().lines().count() == 1, r.err());

        // AVR's kernels read weights from flash; INT4 weights would be unpacked into RAM.
        Path hello = tmp.resolve("hello_int4.tflite");
        Files.write(hello, Int4Weights.twins(new Case("hello", SharedModels.read(SharedModels.root().resolve(
                "tflm-examples/hello_world_int8.tflite")), List.of(new byte[1]), List.of(1))).int4().model());
        r = MainTest.tflc(new byte[0], "compile", hello.toString(), "-o", tmp.resolve("e").toString(), "--target",
                "atmega2560");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("INT4 weights are not supported on atmega2560")
                && r.err().strip().lines().count() == 1, r.err());
    }
}
