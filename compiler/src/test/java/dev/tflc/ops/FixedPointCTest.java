package dev.tflc.ops;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tflc.codegen.CGenerator;
import dev.tflc.ir.Shape;
import dev.tflc.ir.TensorData;
import dev.tflc.ir.TensorType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runtime-c/tflc_fixed_point.h computes what {@link FixedPoint} and the reference's float helpers
 * compute, bit for bit. A small C driver, built with the host C compiler against the header (and
 * tflc_softmax_s8.c, the kernel that uses most of it), evaluates many cases read from a file; every
 * answer must equal Java's. In package dev.tflc.ops to reach FixedPoint's package-private functions.
 */
class FixedPointCTest {
    /** One case per line, "function arguments...", one answer per line. Floats travel as raw bits. */
    private static final String DRIVER = """
            #include <inttypes.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>

            #include "tflc_kernels.h"
            #include "tflc_fixed_point.h"

            static int32_t v[8];

            static int read_args(int n)
            {
                int i;
                for (i = 0; i < n; i++) {
                    if (scanf("%" SCNd32, &v[i]) != 1) {
                        return 0;
                    }
                }
                return 1;
            }

            static float f(int32_t bits)
            {
                uint32_t u = (uint32_t)bits;
                float x;
                memcpy(&x, &u, sizeof x);
                return x;
            }

            static int32_t bits(float x)
            {
                uint32_t u;
                memcpy(&u, &x, sizeof u);
                return tflc_s32(u);
            }

            static void put(int32_t x)
            {
                printf("%" PRId32 "\\n", x);
            }

            static int softmax(void)
            {
                int32_t rows, depth, i, n;
                int8_t *in, *out;
                if (!read_args(5)) {
                    return 0;
                }
                rows = v[0];
                depth = v[1];
                n = rows * depth;
                in = malloc((size_t)n);
                out = malloc((size_t)n);
                if (in == NULL || out == NULL) {
                    return 0;
                }
                for (i = 0; i < n; i++) {
                    int32_t x;
                    if (scanf("%" SCNd32, &x) != 1) {
                        return 0;
                    }
                    in[i] = (int8_t)x;
                }
                tflc_softmax_s8(rows, depth, v[2], v[3], v[4], 8, in, out);
                for (i = 0; i < n; i++) {
                    printf(i == 0 ? "%d" : " %d", (int)out[i]);
                }
                printf("\\n");
                free(in);
                free(out);
                return 1;
            }

            int main(void)
            {
                char op[16];
                while (scanf("%15s", op) == 1) {
                    int32_t r;
                    if (strcmp(op, "srdhm") == 0 && read_args(2)) {
                        put(tflc_srdhm(v[0], v[1]));
                    } else if (strcmp(op, "rdbp") == 0 && read_args(2)) {
                        put(tflc_rounding_divide_by_pot(v[0], v[1]));
                    } else if (strcmp(op, "mbqm") == 0 && read_args(3)) {
                        put(tflc_mbqm(v[0], v[1], v[2]));
                    } else if (strcmp(op, "mbqm_lt1") == 0 && read_args(3)) {
                        put(tflc_mbqm_smaller_than_one(v[0], v[1], v[2]));
                    } else if (strcmp(op, "mbqm_gt1") == 0 && read_args(3)) {
                        put(tflc_mbqm_greater_than_one(v[0], v[1], v[2]));
                    } else if (strcmp(op, "srmbpot") == 0 && read_args(2)) {
                        put(tflc_saturating_rounding_mul_by_pot(v[0], v[1]));
                    } else if (strcmp(op, "exp_q") == 0 && read_args(1)) {
                        put(tflc_exp_on_interval_between_negative_one_quarter_and_0_excl(v[0]));
                    } else if (strcmp(op, "exp_neg") == 0 && read_args(2)) {
                        put(tflc_exp_on_negative_values(v[0], v[1]));
                    } else if (strcmp(op, "one_over") == 0 && read_args(1)) {
                        put(tflc_one_over_one_plus_x_for_x_in_0_1(v[0]));
                    } else if (strcmp(op, "recip") == 0 && read_args(2)) {
                        int32_t bits_over_unit;
                        r = tflc_reciprocal(v[0], v[1], &bits_over_unit);
                        printf("%" PRId32 " %" PRId32 "\\n", r, bits_over_unit);
                    } else if (strcmp(op, "inv_sqrt") == 0 && read_args(1)) {
                        int32_t shift;
                        tflc_inverse_sqrt(v[0], &r, &shift);
                        printf("%" PRId32 " %" PRId32 "\\n", r, shift);
                    } else if (strcmp(op, "log_x") == 0 && read_args(3)) {
                        put(tflc_log_x_for_x_greater_than_or_equal_to_1(v[0], v[1], v[2]));
                    } else if (strcmp(op, "mbqm64") == 0 && read_args(4)) {
                        put(tflc_mbqm64(tflc_s64(((uint64_t)(uint32_t)v[0] << 32) | (uint32_t)v[1]), v[2], v[3]));
                    } else if (strcmp(op, "requant") == 0 && read_args(6)) {
                        put(tflc_requantize(v[0], v[1], v[2], v[3], v[4], v[5]));
                    } else if (strcmp(op, "round") == 0 && read_args(1)) {
                        put(tflc_round_to_int32(f(v[0])));
                    } else if (strcmp(op, "maxf") == 0 && read_args(2)) {
                        put(bits(tflc_maxf(f(v[0]), f(v[1]))));
                    } else if (strcmp(op, "minf") == 0 && read_args(2)) {
                        put(bits(tflc_minf(f(v[0]), f(v[1]))));
                    } else if (strcmp(op, "clampf") == 0 && read_args(3)) {
                        put(bits(tflc_clampf(f(v[0]), f(v[1]), f(v[2]))));
                    } else if (strcmp(op, "softmax") == 0 && softmax()) {
                        continue;
                    } else {
                        fprintf(stderr, "cannot read case '%s'\\n", op);
                        return 1;
                    }
                }
                return 0;
            }
            """;

    @TempDir
    static Path tmp;

    private static Path driver;

    @BeforeAll
    static void buildDriver() throws Exception {
        Path runtime = runtimeDir();
        Path source = tmp.resolve("fixed_point_driver.c");
        Files.writeString(source, DRIVER);
        driver = tmp.resolve("fixed_point_driver");
        String cc = System.getenv().getOrDefault("CC", "cc");
        List<String> command = List.of(cc, "-std=c99", "-O2", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                "-I" + runtime, source.toString(), runtime.resolve("tflc_softmax_s8.c").toString(), "-o",
                driver.toString(), "-lm");
        Path logFile = tmp.resolve("build.log");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            fail("FixedPointCTest needs a host C compiler: '" + cc + "' could not be started (" + e.getMessage()
                    + "); install gcc or clang, or name one in $CC");
            return;
        }
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        if (!finished || p.exitValue() != 0) {
            fail((finished ? "building the C driver failed: " : "building the C driver did not finish in 120 s: ")
                    + String.join(" ", command) + "\n" + Files.readString(logFile));
        }
    }

    /**
     * runtime-c/ beside the compiler module, found from the working directory upwards; or the folder
     * that {@link CGenerator#RUNTIME_DIR_PROPERTY} names (PlantedBugsTest's mutated copy).
     */
    private static Path runtimeDir() {
        Path override = CGenerator.runtimeOverride();
        if (override != null) {
            return override;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("runtime-c");
            if (Files.isRegularFile(candidate.resolve("tflc_fixed_point.h"))) {
                return candidate;
            }
        }
        throw new AssertionError("runtime-c/tflc_fixed_point.h not found above " + Path.of("").toAbsolutePath());
    }

    /** Cases for the driver and Java's answer to each. */
    private static final class Cases {
        final StringBuilder input = new StringBuilder();
        final List<String> lines = new ArrayList<>();
        final List<String> expected = new ArrayList<>();

        void add(String line, String answer) {
            input.append(line).append('\n');
            lines.add(line);
            expected.add(answer);
        }

        void add(String line, int answer) {
            add(line, Integer.toString(answer));
        }

        /** Runs the driver on every case and fails listing the first differences. */
        void check() throws Exception {
            Path in = Files.createTempFile(tmp, "cases", ".txt");
            Path out = Path.of(in + ".out");
            Path err = Path.of(in + ".err");
            Files.writeString(in, input);
            Process p = new ProcessBuilder(driver.toString()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the C driver did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                fail("the C driver exited with " + p.exitValue() + ": " + Files.readString(err));
            }
            List<String> actual = Files.readAllLines(out);
            if (actual.size() != expected.size()) {
                fail("the C driver answered " + actual.size() + " of " + expected.size() + " cases");
            }
            List<String> differences = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    count++;
                    if (differences.size() < 10) {
                        differences.add(shorten(lines.get(i)) + "  ->  C " + shorten(actual.get(i)) + ", Java "
                                + shorten(expected.get(i)));
                    }
                }
            }
            if (count > 0) {
                fail(count + " of " + expected.size() + " cases differ between C and Java:\n"
                        + String.join("\n", differences));
            }
        }

        private static String shorten(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "...";
        }
    }

    /** Interesting int32 values: extremes, small numbers, powers of two and their neighbours. */
    private static int[] edges() {
        List<Integer> v = new ArrayList<>(List.of(0, 1, -1, 2, -2, 3, -3, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
                Integer.MAX_VALUE, Integer.MAX_VALUE - 1));
        for (int k = 1; k < 31; k++) {
            for (int d = -1; d <= 1; d++) {
                v.add((1 << k) + d);
                v.add(-(1 << k) + d);
            }
        }
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A random int32, mostly uniform, sometimes small or an edge value. */
    private static int anyInt(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(-70000, 70001);
            case 1 -> {
                int[] e = edges();
                yield e[r.nextInt(e.length)];
            }
            default -> r.nextInt();
        };
    }

    /** A quantized multiplier: in [2^30, 2^31), sometimes its ends. */
    private static int multiplier(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> 1 << 30;
            case 1 -> Integer.MAX_VALUE;
            default -> r.nextInt(1 << 30, Integer.MAX_VALUE) + r.nextInt(2);
        };
    }

    @Test
    void saturatingRoundingDoublingHighMulMatchesJavaIncludingMinValueAndHalfwayProducts() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        Cases cases = new Cases();
        int[] edges = edges();
        for (int a : edges) {
            for (int b : edges) {
                cases.add("srdhm " + a + " " + b, FixedPoint.saturatingRoundingDoublingHighMul(a, b));
            }
        }
        for (int i = 0; i < 60000; i++) {
            int a = anyInt(r);
            int b = r.nextBoolean() ? anyInt(r) : multiplier(r);
            if (i % 4 == 0) {
                a = (r.nextBoolean() ? 1 : -1) << r.nextInt(31); // a * b lands on halves of 2^31
                b = r.nextInt() | 1;
            }
            cases.add("srdhm " + a + " " + b, FixedPoint.saturatingRoundingDoublingHighMul(a, b));
        }
        cases.check();
    }

    @Test
    void inverseSqrtMatchesJavaForEveryInputTo70000AndRandomOnes() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        Cases cases = new Cases();
        for (int x = 0; x <= 70000; x++) {
            addInverseSqrt(cases, x);
        }
        for (int x : edges()) {
            if (x >= 0) {
                addInverseSqrt(cases, x);
            }
        }
        for (int i = 0; i < 30000; i++) {
            addInverseSqrt(cases, r.nextInt(Integer.MAX_VALUE));
        }
        cases.check();
    }

    private static void addInverseSqrt(Cases cases, int x) {
        FixedPoint.Multiplier m = FixedPoint.inverseSqrt(x);
        cases.add("inv_sqrt " + x, m.multiplier() + " " + m.shift());
    }

    @Test
    void logMatchesJavaForQ12InputsFromOneUp() throws Exception {
        SplittableRandom r = new SplittableRandom(12);
        Cases cases = new Cases();
        for (int x = 1 << 19; x < (1 << 19) + 20000; x++) {
            cases.add("log_x " + x + " 12 5", FixedPoint.logXForXGreaterThanOrEqualTo1(x, 12, 5));
        }
        for (int x : edges()) {
            if (x >= 1 << 19) {
                cases.add("log_x " + x + " 12 5", FixedPoint.logXForXGreaterThanOrEqualTo1(x, 12, 5));
            }
        }
        for (int i = 0; i < 40000; i++) {
            int x = r.nextInt(1 << 19, Integer.MAX_VALUE);
            cases.add("log_x " + x + " 12 5", FixedPoint.logXForXGreaterThanOrEqualTo1(x, 12, 5));
        }
        cases.check();
    }

    @Test
    void roundingDivideByPotMatchesJavaForExponents0To31() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        Cases cases = new Cases();
        for (int e = 0; e <= 31; e++) {
            for (int x : edges()) {
                cases.add("rdbp " + x + " " + e, FixedPoint.roundingDivideByPOT(x, e));
            }
            for (int i = 0; i < 2500; i++) {
                int x = anyInt(r);
                if (i % 3 == 0 && e > 0) { // at and beside the halves
                    x = (int) ((long) r.nextInt(-1000, 1000) * (1L << e) + (1L << (e - 1)) + r.nextInt(-1, 2));
                }
                cases.add("rdbp " + x + " " + e, FixedPoint.roundingDivideByPOT(x, e));
            }
        }
        cases.check();
    }

    @Test
    void multiplyByQuantizedMultiplierMatchesJavaForShiftsMinus31To7() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        Cases cases = new Cases();
        for (int shift = -31; shift <= 7; shift++) {
            for (int i = 0; i < 3000; i++) {
                int x = anyInt(r);
                int m = i == 0 ? 0 : multiplier(r);
                cases.add("mbqm " + x + " " + m + " " + shift, FixedPoint.multiplyByQuantizedMultiplier(x, m, shift));
            }
        }
        for (int i = 0; i < 40000; i++) { // every shift QuantizeMultiplier gives, and beyond (<< counts mod 32)
            int x = anyInt(r);
            int m = multiplier(r);
            int shift = r.nextInt(-31, 40);
            cases.add("mbqm " + x + " " + m + " " + shift, FixedPoint.multiplyByQuantizedMultiplier(x, m, shift));
            int down = -r.nextInt(32);
            cases.add("mbqm_lt1 " + x + " " + m + " " + down,
                    FixedPoint.multiplyByQuantizedMultiplierSmallerThanOne(x, m, down));
            int up = r.nextInt(40);
            cases.add("mbqm_gt1 " + x + " " + m + " " + up,
                    FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(x, m, up));
        }
        for (int i = 0; i < 40000; i++) { // requantization of accumulators, as the weighted kernels do it
            int acc = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(-(1 << 22), 1 << 22);
            int m = multiplier(r);
            int shift = r.nextInt(-31, 8);
            int offset = r.nextInt(-128, 128);
            int lo = r.nextInt(-128, 20);
            int hi = r.nextInt(-20, 128);
            Weights.PerChannel q = new Weights.PerChannel(0, offset, new int[] {m}, new int[] {shift});
            int expected = q.requantize(acc, 0, new int[] {lo, hi});
            cases.add("requant " + acc + " " + m + " " + shift + " " + offset + " " + lo + " " + hi, expected);
        }
        cases.check();
    }

    @Test
    void saturatingRoundingMultiplyByPotMatchesJavaForExponentsMinus31To31() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        Cases cases = new Cases();
        for (int e = -31; e <= 31; e++) {
            for (int x : edges()) {
                cases.add("srmbpot " + x + " " + e, FixedPoint.saturatingRoundingMultiplyByPOT(x, e));
            }
            for (int i = 0; i < 1500; i++) {
                int x = anyInt(r);
                if (e > 0 && i % 2 == 0) { // around the saturation threshold
                    int threshold = (1 << (31 - e)) - 1;
                    x = (r.nextBoolean() ? threshold : -threshold) + r.nextInt(-2, 3);
                }
                cases.add("srmbpot " + x + " " + e, FixedPoint.saturatingRoundingMultiplyByPOT(x, e));
            }
        }
        cases.check();
    }

    @Test
    void expOnNegativeValuesMatchesJavaOverItsWholeInputRange() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Cases cases = new Cases();
        int bits = Softmax.SCALED_DIFF_INTEGER_BITS;
        for (long a = 0; a >= Integer.MIN_VALUE; a -= 4093) { // the whole range [-2^31, 0], every 4093rd value
            cases.add("exp_neg " + a + " " + bits, FixedPoint.expOnNegativeValues((int) a, bits));
        }
        for (int a = 0; a >= -50000; a--) {
            cases.add("exp_neg " + a + " " + bits, FixedPoint.expOnNegativeValues(a, bits));
        }
        for (int a = Integer.MIN_VALUE; a < Integer.MIN_VALUE + 5000; a++) {
            cases.add("exp_neg " + a + " " + bits, FixedPoint.expOnNegativeValues(a, bits));
        }
        for (int i = 0; i < 200000; i++) {
            int a = i % 2 == 0 ? -r.nextInt(Integer.MAX_VALUE) - r.nextInt(2)
                    : -(r.nextInt(1 << 7) << 24) + r.nextInt(-3, 4); // around the quarter boundaries of Q5.26
            a = Math.min(a, 0);
            cases.add("exp_neg " + a + " " + bits, FixedPoint.expOnNegativeValues(a, bits));
        }
        for (int k = 0; k <= 29; k++) { // other formats, as other gemmlowp users take them
            for (int i = 0; i < 3000; i++) {
                int a = -r.nextInt(Integer.MAX_VALUE) - r.nextInt(2);
                if (i % 3 == 0) {
                    a = -r.nextInt(1 << 20);
                }
                cases.add("exp_neg " + a + " " + k, FixedPoint.expOnNegativeValues(a, k));
            }
        }
        for (int i = 0; i < 50000; i++) {
            int a = i == 0 ? -(1 << 29) : i == 1 ? 0 : -r.nextInt(1 << 29);
            cases.add("exp_q " + a, FixedPoint.expOnIntervalBetweenNegativeOneQuarterAnd0Excl(a));
        }
        cases.check();
    }

    @Test
    void reciprocalMatchesJavaForSumsFrom1To2Pow31() throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        Cases cases = new Cases();
        List<Integer> sums = new ArrayList<>();
        for (int x = 1; x <= 20000; x++) {
            sums.add(x);
        }
        for (int k = 0; k < 31; k++) {
            for (int d = -2; d <= 2; d++) {
                long x = (1L << k) + d;
                if (x >= 1 && x <= Integer.MAX_VALUE) {
                    sums.add((int) x);
                }
            }
        }
        for (int i = 0; i < 100000; i++) { // log-uniform over [1, 2^31)
            sums.add((int) Math.min(Integer.MAX_VALUE, Math.max(1, (long) Math.pow(2, 31 * r.nextDouble()))));
        }
        for (int i = 0; i < 5000; i++) { // sums that wrapped past 2^31 (read as unsigned), and 0
            sums.add(i == 0 ? 0 : r.nextInt(Integer.MIN_VALUE, 0));
        }
        for (int x : sums) {
            int digits = r.nextInt(8) == 0 ? r.nextInt(32) : Softmax.ACCUMULATION_INTEGER_BITS;
            int[] rec = FixedPoint.reciprocal(x, digits);
            cases.add("recip " + x + " " + digits, rec[0] + " " + rec[1]);
        }
        for (int i = 0; i < 30000; i++) {
            int a = i < 3 ? new int[] {0, Integer.MAX_VALUE, Integer.MIN_VALUE}[i]
                    : i % 5 == 0 ? r.nextInt() : r.nextInt(Integer.MAX_VALUE);
            cases.add("one_over " + a, FixedPoint.oneOverOnePlusXForXIn01(a));
        }
        cases.check();
    }

    @Test
    void floatHelpersMatchJavaMathAndQuantizeRounding() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        Cases cases = new Cases();
        float[] special = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, -2.5f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 6f};
        List<Float> values = new ArrayList<>();
        for (float s : special) {
            values.add(s);
        }
        for (int i = 0; i < 40; i++) {
            values.add(randomFloat(r));
        }
        for (float a : values) {
            for (float b : values) {
                cases.add("maxf " + bits(a) + " " + bits(b), bits(Math.max(a, b)));
                cases.add("minf " + bits(a) + " " + bits(b), bits(Math.min(a, b)));
                for (float c : special) {
                    cases.add("clampf " + bits(a) + " " + bits(b) + " " + bits(c),
                            bits(Activation.clamp(a, new float[] {b, c})));
                }
            }
        }
        // QUANTIZE's rounding: the reference kernel at scale 1 and zero point 0 into int32 is exactly it
        List<Float> inputs = new ArrayList<>(values);
        for (int i = 0; i < 60000; i++) {
            float x = switch (i % 4) {
                case 0 -> Float.intBitsToFloat(r.nextInt()); // anything, NaNs and infinities included
                case 1 -> r.nextInt(-100000, 100000) + 0.5f; // halves
                case 2 -> Math.nextAfter(r.nextInt(-100000, 100000) + 0.5f, r.nextBoolean() ? 1e9 : -1e9);
                default -> (float) Math.scalb(r.nextDouble(-1, 1), r.nextInt(0, 34)); // up to and past 2^31
            };
            inputs.add(x);
        }
        for (float x : new float[] {2147483520f, 2147483648f, -2147483648f, -2147483520f, 8388607.5f, -8388607.5f,
            8388608f, 0.49999997f, -0.49999997f}) {
            inputs.add(x);
        }
        TensorData in = TensorData.zeros(TensorType.FLOAT32, Shape.of(inputs.size()));
        TensorData out = TensorData.zeros(TensorType.INT32, Shape.of(inputs.size()));
        for (int i = 0; i < inputs.size(); i++) {
            in.floats()[i] = inputs.get(i);
        }
        new Quantize.FromFloat(inputs.size(), 1f, 0, Integer.MIN_VALUE, Integer.MAX_VALUE)
                .run(new TensorData[] {in}, new TensorData[] {out});
        for (int i = 0; i < inputs.size(); i++) {
            cases.add("round " + bits(inputs.get(i)), out.ints()[i]);
        }
        cases.check();
    }

    private static float randomFloat(SplittableRandom r) {
        return (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-3, 4)));
    }

    private static int bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    @Test
    void softmaxKernelMatchesReferenceIncludingLongRowsWhoseOutputShiftPasses31() throws Exception {
        SplittableRandom r = new SplittableRandom(8);
        Cases cases = new Cases();
        for (int i = 0; i < 400; i++) {
            int rows;
            int depth;
            int spread; // values lie in [max - spread, max]
            boolean dominant = false; // one value at max, the rest between max - spread and max - spread + 6
            // long rows of (nearly) equal values: sums of exps from 512 up (output shifts of 32 and
            // more, where the reference keeps Java's meaning of shifts), and sums wrapping past 2^31, 2^32
            if (i < 6) {
                rows = 1;
                depth = new int[] {2048, 2049, 3000, 4096, 8192, 9000}[i];
                spread = i % 2;
            } else if (i % 20 == 0) {
                rows = 1;
                depth = r.nextInt(1500, 5000);
                spread = r.nextInt(1, 8);
            } else if (i % 20 == 10) {
                // one logit far above a long tail of tiny but counted exps: the rounding of each tail exp
                // into the Q12.19 sum moves the top output by a good part of a step
                rows = 1;
                depth = r.nextInt(500, 2500);
                spread = 40;
                dominant = true;
            } else {
                rows = r.nextInt(1, 5);
                depth = r.nextInt(1, 60);
                spread = r.nextInt(1, 256);
            }
            double betaTimesScale = Math.pow(2, r.nextDouble(-10, 4));
            if (i < 6) {
                betaTimesScale = 1.0 / 256;
            }
            if (dominant) {
                betaTimesScale = 0.25; // tail exps exp(-10) .. exp(-8.5)
            }
            double real = Math.min(betaTimesScale * (1 << (31 - Softmax.SCALED_DIFF_INTEGER_BITS)), (1L << 31) - 1.0);
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
            double maxInputRescaled = 1.0 * ((1 << Softmax.SCALED_DIFF_INTEGER_BITS) - 1)
                    * (1L << (31 - Softmax.SCALED_DIFF_INTEGER_BITS)) / (1L << m.shift());
            int diffMin = -(int) Math.floor(maxInputRescaled);
            int top = r.nextInt(-128 + Math.min(spread, 255), 128);
            boolean oneOnTop = dominant;
            int[] values = IntStream.range(0, rows * depth)
                    .map(k -> oneOnTop ? (k == 0 ? top : top - spread + r.nextInt(7)) : top - r.nextInt(spread + 1))
                    .toArray();
            TensorData in = TensorData.zeros(TensorType.INT8, Shape.of(rows, depth));
            TensorData out = TensorData.zeros(TensorType.INT8, Shape.of(rows, depth));
            System.arraycopy(values, 0, in.ints(), 0, values.length);
            new Softmax.Int8(rows, depth, m.multiplier(), m.shift(), diffMin)
                    .run(new TensorData[] {in}, new TensorData[] {out});
            cases.add("softmax " + rows + " " + depth + " " + m.multiplier() + " " + m.shift() + " " + diffMin + " "
                    + join(values), join(out.ints()));
        }
        cases.check();
    }

    private static String join(int[] values) {
        return IntStream.of(values).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    /**
     * The int64 MultiplyByQuantizedMultiplier of the 16x8 kernels: C equals Java for any int64 and
     * shift in [-31, 14] (wrapping alike outside TFLite's contract), and within the contract (|x| <
     * 2^47, shift < 8) Java equals the rounding written out exactly: x times the multiplier rounded
     * to 15 bits (half up, at most 0x7FFF), divided by 2^(15 - shift), rounded half up.
     */
    @Test
    void int64MultiplyByQuantizedMultiplierMatchesJavaAndTheExactRounding() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        Cases cases = new Cases();
        for (int i = 0; i < 40000; i++) {
            int m = r.nextInt(8) == 0 ? 0 : multiplier(r);
            int shift = r.nextInt(-31, 15);
            long x = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong(-(1L << 47), 1L << 47);
                case 2 -> r.nextLong(-100000, 100000);
                default -> (long) anyInt(r) << r.nextInt(17);
            };
            int ours = FixedPoint.multiplyByQuantizedMultiplier64(x, m, shift);
            cases.add("mbqm64 " + (int) (x >>> 32) + " " + (int) x + " " + m + " " + shift, ours);
            if (shift < 8 && Math.abs(x) < 1L << 47) {
                BigInteger reduced = BigInteger.valueOf(m).add(BigInteger.ONE.shiftLeft(15)).shiftRight(16)
                        .min(BigInteger.valueOf(0x7FFF));
                int total = 15 - shift;
                BigInteger exact = BigInteger.valueOf(x).multiply(reduced).add(BigInteger.ONE.shiftLeft(total - 1))
                        .shiftRight(total);
                if (exact.bitLength() < 32 && exact.intValue() != ours) {
                    fail("x " + x + " multiplier " + m + " shift " + shift + ": Java " + ours + ", exact " + exact);
                }
            }
        }
        cases.check();
    }
}
