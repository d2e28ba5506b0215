package dev.tflc.codegen;

import com.fasterxml.jackson.core.JacksonException;
import dev.tflc.ir.IrException;
import dev.tflc.ir.Location;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes generated files into a folder that belongs to the user. A manifest in the folder
 * ({@value #MANIFEST}) lists the files tflc wrote there and a fingerprint of each, so that a later run
 * replaces only its own unedited files, removes its own stale ones, and never deletes or overwrites
 * anything else: when a file it would write exists and is not its own unedited output, it writes
 * nothing and fails naming that file.
 *
 * <p>Crash safety: every file is first written beside its destination under a temporary name; then
 * the manifest records the pending replacements (a "commit" record) before any destination is
 * touched; then the temporaries are renamed into place one by one and stale files removed; then the
 * manifest is rewritten without the commit record. A run stopped before the commit record leaves the
 * folder as it was (the next run removes the stray temporaries); a run stopped after it leaves each
 * file old or new, and the next run finishes the replacements before doing anything else. Each
 * rename replaces a file atomically, so no file is ever partly written.
 */
public final class OutputFolder {
    /** The manifest's file name inside the output folder. */
    public static final String MANIFEST = ".tflc-manifest.json";
    private static final String TEMP_SUFFIX = ".tflc-tmp";

    /** Called after each file is put in place; tests use it to stop a write half-way. */
    @FunctionalInterface
    public interface Progress {
        void replaced(String file);
    }

    /** What the manifest stores: our files and their hashes, the folders we made, and a pending commit. */
    record Manifest(String tool, Map<String, String> files, List<String> folders, Commit commit) {
        Manifest {
            files = new TreeMap<>(files == null ? Map.of() : files);
            folders = List.copyOf(folders == null ? List.of() : folders);
        }

        static Manifest empty() {
            return new Manifest("tflc", Map.of(), List.of(), null);
        }
    }

    /** Replacements under way: each file's new hash (its temporary is beside it), and files to remove. */
    record Commit(Map<String, String> write, List<String> remove) {
    }

    private OutputFolder() {
    }

    /** Writes {@code files} (relative paths with '/' separators) into {@code dir} under the rules above. */
    public static void write(Path dir, Map<String, byte[]> files) {
        write(dir, files, f -> { });
    }

    /** As {@link #write(Path, Map)}, calling {@code progress} after each file is replaced. */
    public static void write(Path dir, Map<String, byte[]> files, Progress progress) {
        Location at = Location.ofFile(dir.toString());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IrException(at, "exists and is not a directory");
        }
        for (String name : files.keySet()) {
            checkName(name);
        }
        try {
            Files.createDirectories(dir);
            Manifest manifest = recover(dir, readManifest(dir));
            Map<String, String> hashes = new TreeMap<>();
            files.forEach((name, bytes) -> hashes.put(name, fingerprint(bytes)));
            checkOwnership(dir, manifest, hashes.keySet());

            TreeSet<String> folders = new TreeSet<>(manifest.folders());
            Map<String, String> write = new TreeMap<>();
            List<String> written = new ArrayList<>();
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path target = dir.resolve(f.getKey());
                    if (hashes.get(f.getKey()).equals(manifest.files().get(f.getKey())) && Files.exists(target)) {
                        continue; // our own unedited file, already with these bytes
                    }
                    makeFolders(dir, f.getKey(), folders);
                    Files.write(temp(target), f.getValue());
                    written.add(f.getKey());
                    write.put(f.getKey(), hashes.get(f.getKey()));
                }
            } catch (IOException e) {
                for (String name : written) {
                    Files.deleteIfExists(temp(dir.resolve(name)));
                }
                throw e;
            }
            List<String> remove = manifest.files().keySet().stream().filter(n -> !files.containsKey(n)).toList();
            Manifest committing = new Manifest("tflc", manifest.files(), List.copyOf(folders),
                    new Commit(write, remove));
            writeManifest(dir, committing);
            finish(dir, committing, hashes, progress);
        } catch (IOException e) {
            throw new IrException(at, "cannot write the output folder: " + e.getMessage());
        }
    }

    /**
     * Completes a commit record: renames each pending temporary into place, removes the stale files
     * that are still our unedited output and the folders we made that are left empty, and writes the
     * manifest of {@code files}.
     */
    private static void finish(Path dir, Manifest m, Map<String, String> files, Progress progress) throws IOException {
        for (String name : m.commit().write().keySet()) {
            Path tmp = temp(dir.resolve(name));
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                move(tmp, dir.resolve(name));
            }
            progress.replaced(name);
        }
        List<String> folders = new ArrayList<>(m.folders());
        for (String name : m.commit().remove()) {
            Path p = dir.resolve(name);
            if (isOurs(p, m.files().get(name))) {
                Files.delete(p);
            }
        }
        folders.sort(Comparator.reverseOrder()); // children before their parents
        List<String> kept = new ArrayList<>();
        for (String folder : folders) {
            Path p = dir.resolve(folder);
            boolean used = files.keySet().stream().anyMatch(f -> f.startsWith(folder + "/"));
            if (!used && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isEmpty(p)) {
                Files.delete(p);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                kept.add(folder);
            }
        }
        kept.sort(Comparator.naturalOrder());
        writeManifest(dir, new Manifest("tflc", files, kept, null));
    }

    /**
     * Brings the folder to a clean state before a new write: a pending commit is finished (the
     * manifest says the new files are complete), and stray temporaries of an earlier run that stopped
     * before its commit record are removed.
     */
    private static Manifest recover(Path dir, Manifest m) throws IOException {
        if (m.commit() != null) {
            Map<String, String> after = new TreeMap<>(m.files());
            after.putAll(m.commit().write());
            m.commit().remove().forEach(after::remove);
            finish(dir, m, after, f -> { });
            m = readManifest(dir);
        }
        TreeSet<Path> places = new TreeSet<>();
        places.add(dir);
        m.folders().forEach(f -> places.add(dir.resolve(f)));
        m.files().keySet().forEach(f -> places.add(dir.resolve(f).getParent()));
        for (Path place : places) {
            if (!Files.isDirectory(place)) {
                continue;
            }
            List<Path> strays;
            try (Stream<Path> s = Files.list(place)) {
                strays = s.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().endsWith(TEMP_SUFFIX)
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
            }
            for (Path p : strays) {
                Files.deleteIfExists(p);
            }
        }
        return m;
    }

    /** Refuses, before anything is written, a file that exists and is not our own unedited output. */
    private static void checkOwnership(Path dir, Manifest m, Iterable<String> names) throws IOException {
        for (String name : names) {
            Path p = dir.resolve(name);
            for (Path q = dir.relativize(p).getParent(); q != null; q = q.getParent()) {
                Path folder = dir.resolve(q);
                if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IrException(Location.ofFile(folder.toString()),
                            "exists and is not a folder; tflc needs it for " + name + " (nothing was written)");
                }
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String recorded = m.files().get(name);
            String why = recorded == null ? "exists and was not written by tflc"
                    : !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "is no longer the file tflc wrote"
                    : "was edited since tflc wrote it";
            if (!isOurs(p, recorded)) {
                throw new IrException(Location.ofFile(p.toString()), why
                        + "; move it away or choose another output folder (nothing was written)");
            }
        }
    }

    private static boolean isOurs(Path p, String recordedHash) throws IOException {
        return recordedHash != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && matches(recordedHash, Files.readAllBytes(p));
    }

    private static void makeFolders(Path dir, String name, TreeSet<String> made) throws IOException {
        Path rel = Path.of(name).getParent();
        if (rel == null) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path q = rel; q != null; q = q.getParent()) {
            chain.add(0, q);
        }
        for (Path q : chain) {
            Path folder = dir.resolve(q);
            if (!Files.isDirectory(folder)) {
                try {
                    Files.createDirectory(folder);
                    made.add(q.toString().replace('\\', '/'));
                } catch (FileAlreadyExistsException e) {
                    // made by someone else meanwhile: not ours
                }
            }
        }
    }

    private static void checkName(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute() || name.isEmpty() || name.equals(MANIFEST) || name.endsWith(TEMP_SUFFIX)
                || p.normalize().startsWith("..") || !p.normalize().toString().equals(name)) {
            throw new IllegalArgumentException("not a plain relative file name: " + name);
        }
    }

    private static Manifest readManifest(Path dir) throws IOException {
        Path p = dir.resolve(MANIFEST);
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(p), Manifest.class);
        } catch (NoSuchFileException e) {
            return Manifest.empty();
        } catch (JacksonException e) {
            throw new IrException(Location.ofFile(p.toString()),
                    "is not a manifest tflc can read; remove it to let tflc write here again (nothing was written)");
        }
    }

    private static void writeManifest(Path dir, Manifest m) throws IOException {
        Path p = dir.resolve(MANIFEST);
        Path tmp = temp(p);
        Files.write(tmp, Json.WRITER.writeValueAsBytes(m));
        move(tmp, p);
    }

    private static Path temp(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMP_SUFFIX);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A file's fingerprint: its size and two CRC checksums of different polynomials (CRC-32C and
     * CRC-32), 64 bits of check beside the size. It tells an edited file from tflc's own output (an edit
     * that keeps the size and both checksums does not happen by accident); it is not a defence against
     * someone forging a file, which nothing here needs. It costs milliseconds where SHA-256 cost a
     * short-lived JVM a tenth of a second on a large model.
     */
    static String fingerprint(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        CRC32 d = new CRC32();
        d.update(bytes);
        return String.format(java.util.Locale.ROOT, "%d:%08x:%08x", bytes.length, c.getValue(), d.getValue());
    }

    /** True when {@code content} has the recorded fingerprint (or SHA-256, as earlier manifests kept). */
    private static boolean matches(String recorded, byte[] content) {
        if (recorded.length() == 64 && recorded.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            try {
                return recorded.equals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return recorded.equals(fingerprint(content));
    }

    /** Deletes {@code p} and everything below it, as far as it can: for tflc's own temporary folders only. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary folder is harmless
        }
    }
}
