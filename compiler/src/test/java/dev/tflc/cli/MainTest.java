package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.testing.SharedModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contracts: exit codes, one-line errors, the run byte contract. */
class MainTest {
    record Result(int code, byte[] out, String err) {
        String text() {
            return new String(out);
        }
    }

    static Result tflc(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.execute(args);
            System.out.flush();
            return new Result(code, out.toByteArray(), err.toString());
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path model(String name) {
        return SharedModels.root().resolve(name);
    }

    @Test
    void runWritesTheGoldenOutputBytesForTheGoldenInput() {
        Path m = model("mlperf-tiny/ic_resnet8_int8.tflite");
        Result r = tflc(SharedModels.goldenInput(m), "run", m.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(SharedModels.goldenOutput(m), r.out());
    }

    @Test
    void infoListsOperatorsTensorsAndQuantization() {
        Result r = tflc(new byte[0], "info", model("mlperf-tiny/kws_dscnn_int8.tflite").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.text().contains("DEPTHWISE_CONV_2D"));
        assertTrue(r.text().contains("scale 0.5847029, zero point 83"));
        assertTrue(r.text().contains("total: 2,656,768 MACs"));
        assertTrue(r.text().matches("(?s).*memory plan \\(host, alignment 16\\): arena [0-9,]+ bytes, lower bound [0-9,]+ bytes.*"),
                r.text());
    }

    @Test
    void missingFileIsAOneLineErrorWithExitCode2() {
        Result r = tflc(new byte[0], "info", "/no/such/model.tflite");
        assertEquals(2, r.code());
        assertEquals("tflc: error: /no/such/model.tflite: no such file\n", r.err());
    }

    @Test
    void unsupportedOperatorsAreNamedAllAtOnce(@TempDir Path tmp) throws Exception {
        Path m = HostileModelsTest.twoUnsupportedOperators(tmp);
        Result r = tflc(new byte[1], "run", m.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().matches("tflc: error: .*unsupported.tflite: subgraph 0: 2 problems: "
                + "operator 0 \\(LSH_PROJECTION\\): unsupported operator LSH_PROJECTION; operator 2 "
                + "\\(LSH_PROJECTION\\): unsupported operator LSH_PROJECTION\n"), r.err());
    }

    @Test
    void wrongInputSizeIsAOneLineError() {
        Result r = tflc(new byte[3], "run", model("tflm-examples/hello_world_int8.tflite").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().matches("tflc: error: .*hello_world_int8.tflite: subgraph 0: the model's inputs need 1 bytes, got 3\n"), r.err());
    }
}
