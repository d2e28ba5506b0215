package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TflmBaselineTest {
    static final String KEY = "tiny__anomaly_detection_ad01_int8";

    @TempDir
    Path dir;
    SharedModel model;

    @BeforeEach
    void modelOfFourBytes() throws IOException {
        model = new SharedModel("mlperf-tiny", "ad_autoencoder_int8", Files.write(dir.resolve("ad.tflite"), new byte[4]));
    }

    private TflmBaseline baseline(long fileBytes) throws IOException {
        String json = """
                {"models": {"%s": {"model_file_bytes": %d}},
                 "runs": [
                  {"model": "%s", "cpu": "m4", "kernels": "ref", "arena_used_bytes": 2260, "invoke_instructions": 1954014,
                   "instructions_per_mac": 7.4, "output_hex": "ab", "flash_breakdown": {"a": 1}},
                  {"model": "%s", "cpu": "m55", "kernels": "cmsis", "arena_used_bytes": 2580}
                 ],
                 "meta": {}}
                """.formatted(KEY, fileBytes, KEY, KEY);
        return TflmBaseline.read(Files.writeString(dir.resolve("baseline.json"), json));
    }

    @Test
    void findsTheRunOfTheSameModelCoreAndKernels() throws IOException {
        TflmBaseline b = baseline(4);
        TflmRun ref = b.run(model, "cortex-m4", "ref").orElseThrow();
        assertEquals(2260L, ref.arenaUsedBytes());
        assertEquals(1954014L, ref.invokeInstructions());
        assertEquals(7.4, ref.instructionsPerMac());
        assertNull(ref.flashBytes());
        assertTrue(b.run(model, "cortex-m4", "cmsis").isEmpty());
        assertEquals(Optional.of(new TflmComparison(KEY, null, new TflmRun(2580L, null, null, null, null, null, null, null))),
                b.compare(model, "cortex-m55"));
        assertTrue(b.compare(model, "cortex-m7").isEmpty());
    }

    @Test
    void eachKernelSetComparesWithTflmsCounterpart() {
        assertEquals("ref", TflmBaseline.kernelsFor("portable"));
        assertEquals("cmsis", TflmBaseline.kernelsFor("cmsis-nn"));
        assertEquals("cmsis", TflmBaseline.kernelsFor("optimized"));
        assertThrows(IllegalArgumentException.class, () -> TflmBaseline.kernelsFor("fastest"));
        assertEquals("TFLM with CMSIS-NN", TflmBaseline.counterpart("cmsis-nn"));
        assertEquals("TFLM with its reference kernels", TflmBaseline.counterpart("portable"));
        TflmComparison both = Fixtures.tflm();
        assertEquals(Fixtures.TFLM_CMSIS, both.run("cmsis-nn"));
        assertEquals(Fixtures.TFLM_REF, both.run("portable"));
        assertNull(new TflmComparison("n", Fixtures.TFLM_REF, null).run("cmsis-nn"));
    }

    @Test
    void aRowsCounterpartIsTflmWithTheSameKindOfKernelsAtO2Only() {
        assertEquals(Fixtures.TFLM_CMSIS, Fixtures.cmsisNn("-O2", 1, Fixtures.tflm()).tflmCounterpart());
        assertEquals(Fixtures.TFLM_REF, Fixtures.measurement("-O2", "bit-exact", Fixtures.tflm()).tflmCounterpart());
        assertNull(Fixtures.cmsisNn("-Os", 1, Fixtures.tflm()).tflmCounterpart());
        assertNull(Fixtures.cmsisNn("-O2", 1, null).tflmCounterpart());
    }

    @Test
    void cmsisRunsAreFoundByCoreAndReadIntoTheComparison() throws IOException {
        TflmComparison m55 = baseline(4).compare(model, "cortex-m55").orElseThrow();
        assertEquals(2580L, m55.run("cmsis-nn").arenaUsedBytes());
        assertNull(m55.run("portable"));
    }

    @Test
    void aModelFileOfAnotherSizeOrNameHasNoBaseline() throws IOException {
        assertTrue(baseline(5).compare(model, "cortex-m4").isEmpty());
        SharedModel other = new SharedModel("x", "other_int8", model.file());
        assertTrue(baseline(4).compare(other, "cortex-m4").isEmpty());
        assertTrue(TflmBaseline.NONE.compare(model, "cortex-m4").isEmpty());
    }

    @Test
    void badJsonOrAFileWithoutModelsAndRunsFails() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"models\": ");
        BenchFailure f = assertThrows(BenchFailure.class, () -> TflmBaseline.read(bad));
        assertEquals(1, f.status());
        assertTrue(f.getMessage().startsWith("TFLM baseline " + bad + ": bad JSON: "), f.getMessage());
        assertTrue(!f.getMessage().contains("\n"));
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"models\": {}}");
        assertEquals(empty + " has no \"models\" and \"runs\"",
                assertThrows(BenchFailure.class, () -> TflmBaseline.read(empty)).getMessage());
    }
}
