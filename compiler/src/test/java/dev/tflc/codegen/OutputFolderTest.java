package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ir.IrException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-folder contract: a user's files are never deleted or overwritten, and a stopped write recovers. */
class OutputFolderTest {
    private static Map<String, byte[]> files(String... namesAndContents) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            m.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    /** Every file below {@code dir} (hidden ones included) and its text. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return m;
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aUsersOtherFilesSurviveAndOwnFilesAreReplacedOrRemoved(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main_app.c"), "user");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/notes.txt"), "user notes");
        OutputFolder.write(dir, files("model.c", "v1", "model.h", "h1", "old.c", "stale"));
        OutputFolder.write(dir, files("model.c", "v2", "model.h", "h1"));
        Map<String, String> c = contents(dir);
        assertEquals("user", c.get("main_app.c"));
        assertEquals("user notes", c.get("lib/notes.txt"));
        assertEquals("v2", c.get("model.c"));
        assertEquals("h1", c.get("model.h"));
        assertFalse(c.containsKey("old.c"), "our stale file is removed");
        assertEquals(List.of(".tflc-manifest.json", "lib/notes.txt", "main_app.c", "model.c", "model.h"),
                List.copyOf(c.keySet()));
    }

    @Test
    void aUsersFileWithAGeneratedNameIsRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("model.h"), "user header");
        IrException e = assertThrows(IrException.class,
                () -> OutputFolder.write(dir, files("model.c", "v1", "model.h", "h1")));
        assertTrue(e.diagnostic().contains(dir.resolve("model.h") + ": exists and was not written by tflc"),
                e.diagnostic());
        assertEquals(Map.of("model.h", "user header"), contents(dir));
    }

    @Test
    void aHandEditedGeneratedFileIsRefusedAndKept(@TempDir Path dir) throws IOException {
        OutputFolder.write(dir, files("model.c", "v1", "model.h", "h1"));
        Files.writeString(dir.resolve("model.c"), "v1 with my fix");
        IrException e = assertThrows(IrException.class,
                () -> OutputFolder.write(dir, files("model.c", "v2", "model.h", "h2")));
        assertTrue(e.diagnostic().contains("model.c: was edited since tflc wrote it"), e.diagnostic());
        assertEquals("v1 with my fix", Files.readString(dir.resolve("model.c")));
        assertEquals("h1", Files.readString(dir.resolve("model.h")), "nothing was written");
    }

    @Test
    void anEditedStaleFileIsKept(@TempDir Path dir) throws IOException {
        OutputFolder.write(dir, files("model.c", "v1", "main.c", "runner"));
        Files.writeString(dir.resolve("main.c"), "my runner");
        OutputFolder.write(dir, files("model.c", "v2"));
        assertEquals("my runner", Files.readString(dir.resolve("main.c")));
        OutputFolder.write(dir, files("model.c", "v3"));
        assertEquals("my runner", Files.readString(dir.resolve("main.c")), "no longer ours: never touched again");
    }

    @Test
    void aSymlinkedFolderKeepsItsLinkAndModes(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        OutputFolder.write(link, files("model.c", "v1"));
        OutputFolder.write(link, files("model.c", "v2"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("v2", Files.readString(real.resolve("model.c")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }

    @Test
    void subfoldersFollowTheSameRulesAndOurEmptyFoldersGo(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/app.c"), "user");
        OutputFolder.write(dir, files("src/model.c", "v1", "examples/run/run.ino", "sketch", "library.properties", "p"));
        assertTrue(Files.exists(dir.resolve("examples/run/run.ino")));
        Files.writeString(dir.resolve("src/model.h"), "user header");
        assertThrows(IrException.class, () -> OutputFolder.write(dir, files("src/model.c", "v2", "src/model.h", "h")));
        OutputFolder.write(dir, files("src/model.c", "v2"));
        assertFalse(Files.exists(dir.resolve("examples")), "folders tflc made and emptied are removed");
        assertEquals("user", Files.readString(dir.resolve("src/app.c")));
        assertEquals("user header", Files.readString(dir.resolve("src/model.h")));
        assertTrue(Files.isDirectory(dir.resolve("src")), "the user's folder stays");
    }

    @Test
    void aFileWhereAFolderIsNeededIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("src"), "a user's file called src");
        IrException e = assertThrows(IrException.class, () -> OutputFolder.write(dir, files("src/model.c", "v1")));
        assertTrue(e.diagnostic().contains("src: exists and is not a folder"), e.diagnostic());
        assertEquals("a user's file called src", Files.readString(dir.resolve("src")));
    }

    @Test
    void aWriteStoppedBetweenTwoReplacementsIsFinishedByTheNextRun(@TempDir Path dir) throws IOException {
        OutputFolder.write(dir, files("a.c", "a1", "b.c", "b1", "c.c", "c1", "old.c", "o"));
        Files.writeString(dir.resolve("user.c"), "user");
        assertThrows(Stop.class, () -> OutputFolder.write(dir, files("a.c", "a2", "b.c", "b2", "c.c", "c2"), f -> {
            if (f.equals("a.c")) {
                throw new Stop(); // killed after the first file was replaced
            }
        }));
        Map<String, String> half = contents(dir);
        assertEquals("a2", half.get("a.c"));
        assertEquals("b1", half.get("b.c"), "each file is either old or new");
        // The next run, of anything at all, first finishes the stopped one (the manifest says so).
        OutputFolder.write(dir, files("a.c", "a2", "b.c", "b2", "c.c", "c2"));
        Map<String, String> after = contents(dir);
        assertEquals("b2", after.get("b.c"));
        assertEquals("c2", after.get("c.c"));
        assertFalse(after.containsKey("old.c"));
        assertEquals("user", after.get("user.c"));
        assertTrue(after.keySet().stream().noneMatch(n -> n.endsWith(".tflc-tmp")), after.keySet().toString());
    }

    @Test
    void aWriteStoppedBeforeItsCommitIsUndoneAndItsTemporariesRemoved(@TempDir Path dir) throws IOException {
        OutputFolder.write(dir, files("a.c", "a1"));
        Map<String, String> before = contents(dir);
        // What a run killed while writing its temporaries leaves: a stray temporary, no commit record.
        Files.writeString(dir.resolve(".a.c.tflc-tmp"), "a2 (partial");
        OutputFolder.write(dir, files("a.c", "a1"));
        assertEquals(before, contents(dir));
    }

    @Test
    void anUnreadableManifestIsRefusedNotOverwritten(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(OutputFolder.MANIFEST), "not json");
        IrException e = assertThrows(IrException.class, () -> OutputFolder.write(dir, files("a.c", "a1")));
        assertTrue(e.diagnostic().contains(".tflc-manifest.json: is not a manifest tflc can read"), e.diagnostic());
        assertEquals("not json", Files.readString(dir.resolve(OutputFolder.MANIFEST)));
        assertFalse(Files.exists(dir.resolve("a.c")));
    }

    @Test
    void aFileInPlaceOfTheFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("out"), "user");
        IrException e = assertThrows(IrException.class, () -> OutputFolder.write(file, files("a.c", "a1")));
        assertTrue(e.diagnostic().contains("exists and is not a directory"), e.diagnostic());
        assertEquals("user", Files.readString(file));
    }
}
