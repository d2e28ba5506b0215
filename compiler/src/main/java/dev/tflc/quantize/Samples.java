package dev.tflc.quantize;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Tensor;
import dev.tflc.ir.TensorType;
import dev.tflc.reference.Interpreter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A calibration set on disk: a folder with one file per sample, read in name order. A file is the raw
 * little-endian bytes of every input in input order (what {@code tflc run} reads), or, for a model with
 * one input, a {@code .npy} array of little-endian float32 with the input's element count. Hidden
 * files are skipped.
 */
public final class Samples {
    private Samples() {
    }

    public static List<List<byte[]>> read(Path dir, Graph g) {
        if (!Files.isDirectory(dir)) {
            throw new IrException("calibration folder " + dir + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IrException("cannot list " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new IrException("calibration folder " + dir + " has no sample files");
        }
        List<List<byte[]>> samples = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new IrException("cannot read " + f + ": " + e.getMessage());
            }
            try {
                samples.add(Interpreter.splitInputs(g, f.toString().endsWith(".npy") ? npy(bytes, g) : bytes));
            } catch (IrException e) {
                throw new IrException("calibration sample " + f + ": " + e.getMessage());
            }
        }
        return samples;
    }

    /** The raw float32 data of a version 1-3 {@code .npy} file ('<f4', C order) for a one-input model. */
    static byte[] npy(byte[] file, Graph g) {
        if (file.length < 10 || file[0] != (byte) 0x93 || !new String(file, 1, 5, StandardCharsets.ISO_8859_1)
                .equals("NUMPY")) {
            throw new IrException("not a .npy file");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int major = file[6];
        int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (start + headerLength > file.length) {
            throw new IrException("truncated .npy header");
        }
        String header = new String(file, start, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.replace(" ", "").contains("'descr':'<f4'") || header.replace(" ", "").contains(
                "'fortran_order':True")) {
            throw new IrException(".npy data must be little-endian float32 in C order, the header says " + header
                    .strip());
        }
        if (g.inputs().size() != 1 || g.inputTensors().get(0).type() != TensorType.FLOAT32) {
            throw new IrException(".npy samples need a model with one float32 input");
        }
        Tensor in = g.inputTensors().get(0);
        int dataStart = start + headerLength;
        byte[] data = new byte[file.length - dataStart];
        System.arraycopy(file, dataStart, data, 0, data.length);
        if (data.length != in.byteSize()) {
            throw new IrException(".npy holds " + data.length / 4 + " floats, the input needs " + in.shape()
                    .elements());
        }
        return data;
    }
}
