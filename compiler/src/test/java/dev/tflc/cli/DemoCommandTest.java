package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.TensorType;
import dev.tflc.tflite.ModelReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tflc demo}: trains, quantizes, compiles and runs its sine regressor; the generated C equals
 * the reference, both models approximate sin x (checked here against Math.sin, not against figures the
 * demo printed before), and -o keeps the float and int8 models and the C.
 */
class DemoCommandTest {
    @Test
    void demoTrainsQuantizesCompilesAndRuns(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        MainTest.Result r = MainTest.tflc(new byte[0], "demo", "-o", dir.toString());
        String out = new String(r.out(), StandardCharsets.UTF_8);
        assertEquals(0, r.code(), out + r.err());
        assertTrue(out.contains("the generated C gives the Java reference's bytes on every run"), out);
        Matcher m = Pattern.compile("float (\\d+\\.\\d+), int8 (\\d+\\.\\d+)").matcher(out);
        assertTrue(m.find(), out);
        double floatRmse = Double.parseDouble(m.group(1));
        double int8Rmse = Double.parseDouble(m.group(2));
        assertTrue(floatRmse < 0.08 && int8Rmse < 0.1, out);

        Graph f = ModelReader.read(dir.resolve("demo_float.tflite")).main();
        Graph q = ModelReader.read(dir.resolve("demo_int8.tflite")).main();
        assertEquals(TensorType.FLOAT32, f.inputTensors().get(0).type());
        assertEquals(TensorType.INT8, q.inputTensors().get(0).type());
        assertTrue(Files.exists(dir.resolve("model.c")) && Files.exists(dir.resolve("main.c")));
        // The kept float model, run by 'tflc run', predicts sin(1.6) to within 0.1.
        byte[] x = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.6f).array();
        MainTest.Result run = MainTest.tflc(x, "run", dir.resolve("demo_float.tflite").toString());
        float y = ByteBuffer.wrap(run.out()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(Math.sin(1.6), y, 0.1);
    }
}
