package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Model;
import dev.tflc.ir.Operator;
import dev.tflc.ir.Options;
import dev.tflc.ir.Shape;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.testing.SharedModels;
import dev.tflc.tflite.ModelReader;
import dev.tflc.tflite.ModelWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tflc quantize}: options, the calibration folder, the output file rule, refusals. */
class QuantizeCommandTest {
    private static final Path SINE = SharedModels.root().resolve("tflm-examples/hello_world_float.tflite");

    /** A calibration folder for the sine model: x = 0, 0.5, ..., 6 as raw float32. */
    private static Path sineSamples(Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("calibration"));
        for (int i = 0; i <= 12; i++) {
            Files.write(dir.resolve(String.format("x%02d.bin", i)), floats(i * 0.5f));
        }
        return dir;
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void quantizesWithInt8OrFloatIoAndTheCalibratedInputRange(@TempDir Path tmp) throws Exception {
        Path samples = sineSamples(tmp);
        Path out = tmp.resolve("sine_int8.tflite");
        MainTest.Result r = MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", samples.toString(),
                "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("13/13"), r.err());
        Graph g = ModelReader.read(out).main();
        Tensor in = g.inputTensors().get(0);
        assertEquals(TensorType.INT8, in.type());
        // Calibrated range [0, 6]: scale 6/255, zero point -128 - 0/scale = -128.
        assertEquals(6f / 255, in.quantization().scale(), 1e-7);
        assertEquals(-128, in.quantization().zeroPoint());
        assertEquals(TensorType.INT8, g.outputTensors().get(0).type());

        Path floatIo = tmp.resolve("sine_float_io.tflite");
        r = MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", samples.toString(), "-o",
                floatIo.toString(), "--io", "float");
        assertEquals(0, r.code(), r.err());
        Graph f = ModelReader.read(floatIo).main();
        assertEquals(TensorType.FLOAT32, f.inputTensors().get(0).type());
        assertEquals(TensorType.FLOAT32, f.outputTensors().get(0).type());
        assertEquals("QUANTIZE", f.operators().get(0).kind());
        assertEquals("DEQUANTIZE", f.operators().get(f.operators().size() - 1).kind());
        // sin(1.5) through the float-io model: within a few output steps of the float model.
        MainTest.Result run = MainTest.tflc(floats(1.5f), "run", floatIo.toString());
        MainTest.Result reference = MainTest.tflc(floats(1.5f), "run", SINE.toString());
        float q = ByteBuffer.wrap(run.out()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        float e = ByteBuffer.wrap(reference.out()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(e, q, 0.05, "int8 " + q + " vs float " + e);
    }

    @Test
    void npySamplesGiveTheSameModelAsRawOnes(@TempDir Path tmp) throws Exception {
        Path raw = sineSamples(tmp);
        Path npy = Files.createDirectories(tmp.resolve("npy"));
        for (int i = 0; i <= 12; i++) {
            String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }";
            header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
            ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1))
                    .putFloat(i * 0.5f);
            Files.write(npy.resolve(String.format("x%02d.npy", i)), b.array());
        }
        Path a = tmp.resolve("a.tflite");
        Path b = tmp.resolve("b.tflite");
        assertEquals(0, MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", raw.toString(), "-o",
                a.toString()).code());
        MainTest.Result r = MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", npy.toString(),
                "-o", b.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void replacesItsOwnOutputButNeverAnotherFile(@TempDir Path tmp) throws Exception {
        Path samples = sineSamples(tmp);
        Path out = tmp.resolve("sine_int8.tflite");
        String[] args = {"quantize", SINE.toString(), "--calibration", samples.toString(), "-o", out.toString()};
        assertEquals(0, MainTest.tflc(new byte[0], args).code());
        MainTest.Result again = MainTest.tflc(new byte[0], args);
        assertEquals(0, again.code(), again.err());

        Path mine = tmp.resolve("mine.tflite");
        Files.copy(SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite"), mine);
        byte[] before = Files.readAllBytes(mine);
        MainTest.Result r = MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", samples.toString(),
                "-o", mine.toString());
        assertEquals(2, r.code());
        assertEquals("tflc: error: " + mine + " exists and is not a model tflc quantize wrote; not overwriting it\n",
                r.err());
        assertArrayEquals(before, Files.readAllBytes(mine));
    }

    @Test
    void refusesAnOperatorItCannotQuantizeAndIntegerModels(@TempDir Path tmp) throws Exception {
        Path samples = sineSamples(tmp);
        List<Tensor> tensors = List.of(
                new Tensor(0, "x", TensorType.FLOAT32, Shape.of(1, 1), null, null, false),
                new Tensor(1, "y", TensorType.FLOAT32, Shape.of(1, 1), null, null, false));
        Graph g = new Graph("main", tensors, List.of(new Operator(0, "EXP", 1, List.of(0), List.of(1), Options.NONE)),
                List.of(0), List.of(1));
        Path exp = tmp.resolve("exp.tflite");
        Files.write(exp, ModelWriter.write(new Model(List.of(g), "")));
        MainTest.Result r = MainTest.tflc(new byte[0], "quantize", exp.toString(), "--calibration", samples.toString(),
                "-o", tmp.resolve("q.tflite").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("tflc: error: ") && r.err().contains("quantize does not handle EXP"), r.err());
        assertTrue(!Files.exists(tmp.resolve("q.tflite")));

        r = MainTest.tflc(new byte[0], "quantize", SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite")
                .toString(), "--calibration", samples.toString(), "-o", tmp.resolve("q.tflite").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the model's input is INT8"), r.err());

        Files.write(samples.resolve("short.bin"), new byte[3]);
        r = MainTest.tflc(new byte[0], "quantize", SINE.toString(), "--calibration", samples.toString(), "-o",
                tmp.resolve("q.tflite").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("short.bin") && r.err().contains("need 4 bytes, got 3"), r.err());
    }
}
