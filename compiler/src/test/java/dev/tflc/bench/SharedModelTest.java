package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedModelTest {
    @TempDir
    Path dir;

    private void models(String... paths) throws IOException {
        for (String p : paths) {
            Files.createDirectories(dir.resolve(p).getParent());
            Files.write(dir.resolve(p), new byte[] {1});
        }
    }

    @Test
    void starMatchesAnyTextAndEverythingElseStandsForItself() {
        assertTrue(SharedModel.glob("*_int8").matcher("kws_dscnn_int8").matches());
        assertTrue(SharedModel.glob("mlperf-tiny/*").matcher("mlperf-tiny/a.b").matches());
        assertTrue(!SharedModel.glob("a.b").matcher("axb").matches());
    }

    @Test
    void findsByNameOrSuiteAndNameInSuiteOrderThenByName() throws IOException {
        models("mlperf-tiny/b_int8.tflite", "mlperf-tiny/a_int8.tflite", "mlperf-tiny/a_float.tflite",
                "tflm-examples/c_int8.tflite", "tflm-examples/notes.txt", "other/d_int8.tflite");
        List<String> names = SharedModel.find(dir, SharedModel.SUITES, List.of("*_int8")).stream()
                .map(m -> m.suite() + "/" + m.name()).toList();
        assertEquals(List.of("mlperf-tiny/a_int8", "mlperf-tiny/b_int8", "tflm-examples/c_int8"), names);
        assertEquals(List.of("c_int8"), SharedModel.find(dir, SharedModel.SUITES, List.of("tflm-examples/*"))
                .stream().map(SharedModel::name).toList());
    }

    @Test
    void nothingMatchingIsABadOption() throws IOException {
        models("mlperf-tiny/a_int8.tflite");
        BenchFailure f = assertThrows(BenchFailure.class,
                () -> SharedModel.find(dir, SharedModel.SUITES, List.of("zzz", "y*")));
        assertEquals(2, f.status());
        assertEquals("no model in " + dir + " matches zzz,y*", f.getMessage());
    }
}
