package dev.tflc.lower.cmsisnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.target.Target;
import dev.tflc.lower.cmsisnn.CmsisNnScratch.ConvRoute;
import dev.tflc.lower.cmsisnn.CmsisNnScratch.DepthwiseRoute;
import dev.tflc.ops.Window;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part of {@code mvn -B test -Pcmsis-nn}: the scratch sizes tflc plans for CMSIS-NN layers equal what
 * the user's CMSIS-NN, built for the core, answers from its own {@code *_get_buffer_size} functions,
 * asked on the emulated core itself (a DSP build on the Cortex-M4, MVE on the M55, neither on the M3).
 * A small firmware asks the library for every case and returns the answers as its output.
 */
class CmsisNnScratchMatchesLibraryTest {
    /** One layer shape: which wrapper asks, the window, channels, and tflc's answer for the core. */
    record Case(boolean depthwise, Window w, int inC, int filterC, int multiplier, int outC) {
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int[][] kernels = {{1, 1}, {3, 3}, {5, 5}, {1, 3}, {3, 1}, {1, 10}};
        for (int[] k : kernels) {
            for (int stride : new int[] {1, 2}) {
                for (int pad : new int[] {0, 1}) {
                    for (int inH : new int[] {1, 12}) {
                        int inW = 12;
                        if (k[0] > inH) {
                            continue;
                        }
                        int outH = (inH + 2 * (k[0] > 1 ? pad : 0) - k[0]) / stride + 1;
                        int outW = (inW + 2 * pad - k[1]) / stride + 1;
                        Window w = new Window(1, inH, inW, k[0], k[1], stride, stride, 1, 1, k[0] > 1 ? pad : 0, pad,
                                outH, outW);
                        for (int c : new int[] {1, 3, 4, 8, 130}) {
                            cases.add(new Case(false, w, c, c, 1, 8));
                            cases.add(new Case(true, w, c, 1, 1, c));
                            if (c == 1) {
                                cases.add(new Case(true, w, 1, 1, 8, 8));
                            }
                        }
                        cases.add(new Case(false, w, 8, 4, 1, 8)); // grouped
                    }
                }
            }
        }
        return cases;
    }

    /** tflc's scratch bytes for {@code c}, or -1 where tflc does not call the wrapper's choice. */
    static long expected(CmsisNnScratch s, Case c) {
        if (c.depthwise()) {
            DepthwiseRoute r = s.depthwiseRoute(c.w(), c.inC(), c.multiplier(), c.outC());
            return r == null ? -1 : s.depthwiseBytes(r, c.w(), c.inC(), c.outC());
        }
        ConvRoute r = s.convRoute(c.w(), c.inC(), c.filterC());
        boolean avoided = s.mve() && r == ConvRoute.GENERIC && c.w().inH() == 1 && c.w().filterH() == 1
                && (c.w().strideW() * c.inC()) % 4 == 0 && c.inC() == c.filterC();
        return avoided ? -1 : s.convBytes(r, c.w(), c.inC());
    }

    static String firmware(List<Case> cases) {
        StringBuilder sb = new StringBuilder("""
                /* Asks the CMSIS-NN library under test for its scratch sizes; written by CmsisNnScratchMatchesLibraryTest. */
                #include <stddef.h>
                #include <stdint.h>
                #include "arm_nnfunctions.h"
                #include "model.h"

                static int32_t sizes[%d];
                static uint8_t dummy;

                void *model_input(int index) { (void)index; return &dummy; }
                const void *model_output(int index) { (void)index; return sizes; }
                size_t model_input_bytes(int index) { (void)index; return 1u; }
                size_t model_output_bytes(int index) { (void)index; return sizeof sizes; }
                void model_reset(void) { }

                int model_invoke(void)
                {
                    cmsis_nn_conv_params cp;
                    cmsis_nn_dw_conv_params dp;
                    cmsis_nn_dims in, f, out;
                """.formatted(cases.size()));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Window w = c.w();
            String common = String.format(Locale.ROOT, "in.n = 1; in.h = %d; in.w = %d; in.c = %d; "
                    + "out.n = 1; out.h = %d; out.w = %d; out.c = %d; ", w.inH(), w.inW(), c.inC(), w.outH(), w.outW(),
                    c.outC());
            String params = String.format(Locale.ROOT, ".stride.w = %d; P.stride.h = %d; P.padding.w = %d; "
                    + "P.padding.h = %d; P.dilation.w = 1; P.dilation.h = 1; ", w.strideW(), w.strideH(), w.padW(),
                    w.padH());
            if (c.depthwise()) {
                sb.append("    ").append(common).append(String.format(Locale.ROOT,
                        "f.n = 1; f.h = %d; f.w = %d; f.c = %d; ", w.filterH(), w.filterW(), c.outC()))
                        .append("dp.ch_mult = ").append(c.multiplier()).append("; dp").append(params.replace("P.", "dp."))
                        .append("\n    sizes[").append(i)
                        .append("] = arm_depthwise_conv_wrapper_s8_get_buffer_size(&dp, &in, &f, &out);\n");
            } else {
                sb.append("    ").append(common).append(String.format(Locale.ROOT,
                        "f.n = %d; f.h = %d; f.w = %d; f.c = %d; ", c.outC(), w.filterH(), w.filterW(), c.filterC()))
                        .append("cp").append(params.replace("P.", "cp."))
                        .append("\n    sizes[").append(i)
                        .append("] = arm_convolve_wrapper_s8_get_buffer_size(&cp, &in, &f, &out);\n");
            }
        }
        return sb.append("    return 0;\n}\n").toString();
    }

    static final String HEADER = """
            #include <stddef.h>
            #define MODEL_INPUT_COUNT 1
            #define MODEL_OUTPUT_COUNT 1
            void *model_input(int index);
            const void *model_output(int index);
            size_t model_input_bytes(int index);
            size_t model_output_bytes(int index);
            int model_invoke(void);
            void model_reset(void);
            """;

    @ParameterizedTest
    @ValueSource(strings = {"cortex-m4", "cortex-m55", "cortex-m3"})
    void plannedScratchEqualsTheLibrarysOwnAnswerOnTheCore(String core, @TempDir Path tmp) throws Exception {
        dev.tflc.targets.CmsisNnPaths paths = dev.tflc.targets.CmsisNnPaths.fromEnvironment();
        List<Case> cases = cases();
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("model.h"), HEADER);
        Files.writeString(src.resolve("model.c"), firmware(cases));
        Path in = Files.write(tmp.resolve("in.bin"), new byte[1]);
        Path out = tmp.resolve("out.bin");
        List<String> cmd = List.of(dev.tflc.targets.CmsisNnPaths.runOnBoard().toString(), core,
                tmp.resolve("build").toString(), src.toString(), "--cflags", "-I" + paths.include(), "--lib",
                paths.library(core).toString());
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(tmp.resolve("log.txt").toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " failed:\n" + Files.readString(tmp.resolve("log.txt")));
        }
        ByteBuffer answers = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        CmsisNnScratch s = CmsisNnScratch.of(Target.load(core));
        int compared = 0;
        for (int i = 0; i < cases.size(); i++) {
            long library = answers.getInt();
            long planned = expected(s, cases.get(i));
            if (planned >= 0) {
                assertEquals(library, planned, core + " case " + i + ": " + cases.get(i));
                compared++;
            }
        }
        System.out.println("CmsisNnScratchMatchesLibraryTest: " + core + ": " + compared + " of " + cases.size()
                + " layer shapes have the library's scratch size (the rest are MVE 1xN cases tflc routes elsewhere)");
    }
}
