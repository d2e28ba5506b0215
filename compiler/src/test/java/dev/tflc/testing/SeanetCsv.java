package dev.tflc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files beside a ../shared/models/seanet-ops model: {@code <name>_input<k>_int16.csv} (or
 * {@code _int32.csv}, the TRANSPOSE_CONV output shapes) for input k = 0, 1, ..., and
 * {@code <name>_golden_int16.csv} for its output, comma-separated values read as little-endian bytes.
 */
public final class SeanetCsv {
    private SeanetCsv() {
    }

    /** {@code <name>_<which>_int16.csv} or {@code _int32.csv} beside the model, or null. */
    public static Path csv(Path model, String which) {
        for (String type : List.of("int16", "int32")) {
            Path p = model.resolveSibling(SharedModels.name(model) + "_" + which + "_" + type + ".csv");
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /** The model's inputs in order, for as long as their files exist. */
    public static List<byte[]> inputs(Path model) {
        List<byte[]> inputs = new ArrayList<>();
        for (int k = 0;; k++) {
            Path csv = csv(model, "input" + k);
            if (csv == null) {
                return inputs;
            }
            inputs.add(values(csv));
        }
    }

    /** The golden output's bytes; fails when the model has none. */
    public static byte[] golden(Path model) {
        Path csv = csv(model, "golden");
        if (csv == null) {
            throw new IllegalStateException(model + " has no golden CSV beside it");
        }
        return values(csv);
    }

    /** A CSV of int16 or int32 values (by its name) as little-endian bytes. */
    public static byte[] values(Path csv) {
        try {
            String[] values = Files.readString(csv).trim().split("\\s*,\\s*");
            boolean wide = csv.getFileName().toString().endsWith("_int32.csv");
            ByteBuffer b = ByteBuffer.allocate((wide ? 4 : 2) * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (String v : values) {
                if (wide) {
                    b.putInt(Integer.parseInt(v));
                } else {
                    b.putShort(Short.parseShort(v));
                }
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
