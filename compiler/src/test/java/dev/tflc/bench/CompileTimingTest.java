package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compile-speed figures and table, on made-up times (nothing is timed here). */
class CompileTimingTest {
    static final long MS = 1_000_000;

    @Test
    void theMedianIsTheMiddleTimeOrTheMeanOfTheTwoMiddleOnes() {
        CompileTiming odd = new CompileTiming("m", List.of(900 * MS, 700 * MS, 1500 * MS, 800 * MS, 750 * MS), 0, "");
        assertEquals(800 * MS, odd.medianNanos());
        assertEquals(700 * MS, odd.minNanos());
        CompileTiming even = new CompileTiming("m", List.of(900 * MS, 700 * MS, 1500 * MS, 800 * MS), 0, "");
        assertEquals(850 * MS, even.medianNanos());
    }

    @Test
    void theTableShowsRunsMedianMinAndHowTheCompileEnded() {
        List<CompileTiming> timings = List.of(
                new CompileTiming("kws_dscnn_int8", List.of(1_234_400_000L, 1_100_000_000L, 1_300_000_000L), 0, ""),
                new CompileTiming("kws_dscnn_float", List.of(400 * MS), 2, "tflc: error: ..."));
        assertEquals("""
                `tflc compile MODEL -o DIR`, 3 runs per model, wall time of the whole process (JVM start included):

                | model | runs | median | min | result |
                |---|---:|---:|---:|---|
                | kws_dscnn_int8 | 3 | 1,234 ms | 1,100 ms | compiled |
                | kws_dscnn_float | 1 | 400 ms | 400 ms | exit 2 |
                """, CompileSpeedCommand.table(Path.of("/repo/tflc"), 3, timings));
    }
}
