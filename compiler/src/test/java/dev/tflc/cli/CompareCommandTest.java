package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tflc compare} without a usable TensorFlow Lite Micro: one line naming what is missing, exit
 * status 2, before anything is built. (With the user's checkout: the {@code tflm} profile.)
 */
class CompareCommandTest {
    private static final String MODEL = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite").toString();

    /** Runs tflc with compare seeing only {@code env} as its environment. */
    private static MainTest.Result tflc(Map<String, String> env, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof CompareCommand c) {
                    c.env = env::get;
                }
                return made;
            }
        };
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.execute(factory, args);
            return new MainTest.Result(code, out.toByteArray(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void assertOneLine(MainTest.Result r, String... parts) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("tflc: error: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), () -> p + " in " + r.err());
        }
        assertEquals(0, r.out().length, r.text());
    }

    @Test
    void withoutACheckoutItSaysWhatItNeeds() {
        assertOneLine(tflc(Map.of(), "compare", MODEL), "--tflm DIR or TFLM_ROOT");
        assertOneLine(tflc(Map.of("TFLM_ROOT", " "), "compare", MODEL, "--target", "cortex-m7"),
                "--tflm DIR or TFLM_ROOT");
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-tflm");
        assertOneLine(tflc(Map.of(), "compare", MODEL, "--tflm", missing.toString()), missing.toString(),
                "no such folder");
        // TFLM_ROOT is read the same way
        assertOneLine(tflc(Map.of("TFLM_ROOT", missing.toString()), "compare", MODEL), missing.toString());
    }

    @Test
    void aFolderThatIsNoCheckoutIsNamed(@TempDir Path tmp) {
        assertOneLine(tflc(Map.of(), "compare", MODEL, "--tflm", tmp.toString()),
                "is not a TensorFlow Lite Micro checkout", "micro_mutable_op_resolver.h");
    }

    @Test
    void aCheckoutWithoutTheLibraryForTheCoreNamesIt(@TempDir Path tmp) throws Exception {
        Path header = tmp.resolve("tensorflow/lite/micro/micro_mutable_op_resolver.h");
        Files.createDirectories(header.getParent());
        Files.writeString(header, "// the resolver\n");
        // not built at all
        assertOneLine(tflc(Map.of(), "compare", MODEL, "--tflm", tmp.toString()), "libtensorflow-microlite.a",
                "cortex_m_generic_cortex-m4+fp_*/lib", "TARGET_ARCH=cortex-m4+fp");
        // built for another core only (and its soft-float build for this one): still none for the Cortex-M4F
        for (String build : new String[] {"cortex_m_generic_cortex-m7+fp_release_gcc",
            "cortex_m_generic_cortex-m4_release_gcc"}) {
            Path lib = tmp.resolve("gen").resolve(build).resolve("lib/libtensorflow-microlite.a");
            Files.createDirectories(lib.getParent());
            Files.writeString(lib, "!<arch>\n");
        }
        assertOneLine(tflc(Map.of("TFLM_ROOT", tmp.toString()), "compare", MODEL), "libtensorflow-microlite.a",
                "for cortex-m4", tmp.resolve("gen").toString());
        // a folder named like a build but without its library
        Files.createDirectories(tmp.resolve("gen/cortex_m_generic_cortex-m55_release_gcc/lib"));
        assertOneLine(tflc(Map.of(), "compare", MODEL, "--tflm", tmp.toString(), "--target", "cortex-m55"),
                "no libtensorflow-microlite.a for cortex-m55", "TARGET_ARCH=cortex-m55");
    }

    @Test
    void onlyTheBoardsItComparesOnAreAccepted(@TempDir Path tmp) {
        assertOneLine(tflc(Map.of(), "compare", MODEL, "--tflm", tmp.toString(), "--target", "cortex-m3"),
                "cortex-m4, cortex-m7 or cortex-m55, not cortex-m3");
        assertOneLine(tflc(Map.of(), "compare", tmp.resolve("none.tflite").toString(), "--tflm", tmp.toString()),
                "none.tflite: no such file");
    }
}
