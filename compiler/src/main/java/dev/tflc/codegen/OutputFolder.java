package dev.tflc.codegen;

import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a generated folder completely or not at all: the files go to a fresh sibling folder,
 * which then replaces {@code dir} by renames. An existing {@code dir} is kept until the new one is
 * complete.
 */
public final class OutputFolder {
    private OutputFolder() {
    }

    public static void write(Path dir, Map<String, byte[]> files) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Location at = Location.ofFile(dir.toString());
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IrException(at, "exists and is not a directory");
        }
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".tflc-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(staging.resolve(f.getKey()), f.getValue());
            }
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
            staging = null;
        } catch (IOException e) {
            throw new IrException(at, "cannot write the output folder: " + e.getMessage());
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes {@code p} and everything below it, as far as it can (leftovers are harmless temporaries). */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover hidden staging folder is harmless
        }
    }
}
