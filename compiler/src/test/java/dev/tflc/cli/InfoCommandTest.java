package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code tflc info} states about a model agrees with what {@code tflc compile} writes for it. */
class InfoCommandTest {
    static Stream<Path> models() {
        return SharedModels.all().stream();
    }

    private static long figure(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> regex + " in " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void infoAndCompileStateTheSameWeightBytes(Path model, @TempDir Path tmp) throws Exception {
        MainTest.Result info = MainTest.tflc(new byte[0], "info", model.toString());
        assertEquals(0, info.code(), info.err());
        MainTest.Result compile = MainTest.tflc(new byte[0], "compile", model.toString(), "-o",
                tmp.resolve("c").toString());
        assertEquals(0, compile.code(), compile.err());
        long weights = figure(info.text(), "; weights ([0-9,]+) bytes");
        assertEquals(weights, figure(compile.err(), "weights ([0-9,]+) bytes"));
        String report = Files.readString(tmp.resolve("c/report.json"));
        assertEquals(weights, figure(report, "\"weight_bytes\"\\s*:\\s*(\\d+)"));
    }

    @Test
    void constantsTheGeneratedCodeDoesNotStoreAreCountedApart() {
        // KWS's RESHAPE carries its new shape as an 8-byte constant input that no kernel reads. The
        // optimized layers store their filters laid out anew: the first convolution's 64 x 40 and the
        // four pointwise 64 x 64 as int8, the four depthwise 3 x 3 x 64 as int16, the final 12 x 64 as
        // int8 (their biases, folded with the input offset, are tables).
        long weights = 64 * 40 + 4 * 64 * 64 + 4 * 9 * 64 * 2 + 12 * 64;
        MainTest.Result r = MainTest.tflc(new byte[0], "info",
                SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite").toString());
        assertTrue(r.text().contains(String.format("; weights %,d bytes (+ 8 bytes of constants the generated code "
                + "does not need)\n", weights)), r.text());
        // With the portable set, the weight and bias tensors as they are.
        r = MainTest.tflc(new byte[0], "info", SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite")
                .toString(), "--kernels", "portable");
        assertTrue(r.text().contains("; weights 24,368 bytes (+ 8 bytes of constants the generated code does not "
                + "need)\n"), r.text());
    }

    @Test
    void kwsWritesItsConvolutionsOverTheirInputs() {
        // Each depthwise 3x3 (padding 1) on 25 x 5 pixels of 64 channels writes output pixel (y, x) while
        // its window, from input pixel (y - 1, x - 1), is still to be read: its output starts 5 + 2 pixels
        // of 64 bytes (448 bytes) below its input. Each pointwise 64 -> 64 walks back from the last pixel
        // and its output starts above its input, back where the depthwise layer's input was.
        MainTest.Result r = MainTest.tflc(new byte[0], "info",
                SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite").toString(), "--target", "cortex-m4");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.text().lines().filter(l -> l.contains("DEPTHWISE_CONV_2D")
                && l.contains("in place over input 0 (pixels forward; output 448 bytes below it)")).count(), r.text());
        assertEquals(4, r.text().lines().filter(l -> l.contains("_opt_1x1")
                && l.contains("in place over input 0 (rows backward, two at a time; output 448 bytes above it)")).count(),
                r.text());
        // 25 x 5 x 64 bytes live, the 448-byte step below them, and nothing else at the peak
        assertTrue(r.text().contains("arena 8,704 bytes, lower bound 16,256 bytes (8,704 with layers in place)"),
                r.text());
    }

    @Test
    void balancedKwsRunsTheFirstDepthwiseAndPointwiseLayersFunctions() {
        MainTest.Result r = MainTest.tflc(new byte[0], "info",
                SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite").toString(), "--target", "cortex-m4",
                "--optimize", "balanced");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.text().contains("--optimize balanced"), r.text());
        for (int layer = 1; layer <= 8; layer++) {
            int owner = layer % 2 == 1 ? 1 : 2;
            String function = owner == 1 ? "depthwise_conv_2d_1_opt_depthwise" : "conv_2d_2_opt_1x1";
            String line = "\\s*" + layer + " \\S+ +optimized " + function + " +"
                    + (layer > 2 ? "code of layer " + owner + ", its own arrays  " : "") + "(scratch|in place).*";
            assertEquals(1, r.text().lines().filter(l -> l.matches(line)).count(), line + "\n" + r.text());
        }
    }

    @Test
    void icResNetsAddsRunInTheirConvolutionsStores() {
        MainTest.Result r = MainTest.tflc(new byte[0], "info",
                SharedModels.root().resolve("mlperf-tiny/ic_resnet8_int8.tflite").toString(), "--target", "cortex-m4");
        assertEquals(0, r.code(), r.err());
        for (int[] pair : new int[][] {{2, 3}, {6, 7}, {10, 11}}) {
            assertEquals(1, r.text().lines().filter(l -> l.matches("\\s*" + pair[1] + " ADD .*\\(none: done in the "
                    + "stores of layer " + pair[0] + "\\).*")).count(), r.text());
            assertEquals(1, r.text().lines().filter(l -> l.matches("\\s*" + pair[0] + " CONV_2D .*_add .*in place over "
                    + "the residual of layer " + pair[1] + "'s ADD \\(at the residual's own place, each element read "
                    + "before it is written; at its offset\\).*")).count(), r.text());
        }
        assertTrue(r.text().contains("arena 33,664 bytes"), r.text());
    }
}
