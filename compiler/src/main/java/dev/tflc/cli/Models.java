package dev.tflc.cli;

import dev.tflc.ir.Graph;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import dev.tflc.ir.Model;
import dev.tflc.tflite.ModelReader;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads the model a command names and places every later diagnostic at that file. */
final class Models {
    private Models() {
    }

    /** Reads {@code file} and applies {@code work} to its main graph; errors carry the file and subgraph 0. */
    static <T> T withMainGraph(Path file, Function<Graph, T> work) {
        Model m = ModelReader.read(file);
        try {
            return work.apply(m.main());
        } catch (IrException e) {
            throw e.at(new Location(file.toString(), 0, -1, null, null));
        }
    }
}
