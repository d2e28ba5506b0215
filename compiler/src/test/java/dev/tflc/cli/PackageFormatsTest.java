package dev.tflc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tflc.codegen.HostCompiler;
import dev.tflc.codegen.Json;
import dev.tflc.codegen.OutputFolder;
import dev.tflc.testing.SharedModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format arduino}, {@code platformio} and {@code zephyr}. The Arduino library is built with
 * arduino-builder exactly as TOOLS.md gives it, for the Uno (hello_world_int8) and the Mega 2560
 * (micro_speech_int8), and its example sketch run on QEMU's boards prints TensorFlow Lite Micro's
 * golden output for the golden input sent over the serial port. PlatformIO's library.json and the
 * Zephyr module are checked against their documented schemas, and their sources built with the host
 * compiler from the paths the manifests give (the Zephyr CMakeLists.txt through stand-ins for Zephyr's
 * CMake functions) give the golden output. Missing tools fail these tests, never skip them.
 */
class PackageFormatsTest {
    private static final Path HELLO = SharedModels.root().resolve("tflm-examples/hello_world_int8.tflite");
    private static final Path SPEECH = SharedModels.root().resolve("tflm-examples/micro_speech_int8.tflite");
    private static final Path KWS = SharedModels.root().resolve("mlperf-tiny/kws_dscnn_int8.tflite");

    @TempDir
    Path tmp;

    private static Path compile(Path model, Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of("compile", model.toString(), "-o", dir.toString()));
        args.addAll(List.of(options));
        MainTest.Result r = MainTest.tflc(new byte[0], args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    // ---- Arduino

    @Test
    void arduinoLibraryOnTheEmulatedUnoPrintsTheGoldenOutput() throws Exception {
        assertTheSketchPrintsTheGoldenOutput(HELLO, "hello", "atmega328p", "arduino:avr:uno", "uno");
    }

    @Test
    void arduinoLibraryOnTheEmulatedMegaPrintsTheGoldenOutput() throws Exception {
        assertTheSketchPrintsTheGoldenOutput(SPEECH, "speech", "atmega2560", "arduino:avr:mega:cpu=atmega2560",
                "mega2560");
    }

    private void assertTheSketchPrintsTheGoldenOutput(Path model, String prefix, String target, String fqbn,
            String board) throws Exception {
        requireTools("arduino-builder", "avr-gcc", "qemu-system-avr");
        Path libraries = tmp.resolve("libraries");
        Path library = compile(model, libraries.resolve(prefix), "--format", "arduino", "--target", target,
                "--prefix", prefix);
        Path sketch = library.resolve("examples/" + prefix + "_serial/" + prefix + "_serial.ino");
        Path build = Files.createDirectories(tmp.resolve("build"));
        // TOOLS.md's command, as a user runs it
        String log = new String(HostCompiler.run(tmp, List.of("arduino-builder", "-compile", "-hardware",
                "/usr/share/arduino/hardware", "-hardware", "/usr/share/arduino-builder", "-tools", "/usr/bin",
                "-libraries", libraries.toString(), "-fqbn", fqbn, "-build-path", build.toString(),
                "-prefs=compiler.cpp.extra_flags=-DDECIMAL_DIG=17", sketch.toString()), null),
                StandardCharsets.UTF_8);
        assertTrue(log.contains("Sketch uses"), log);
        Path elf = build.resolve(prefix + "_serial.ino.elf");
        assertTrue(Files.isRegularFile(elf), log);

        byte[] golden = SharedModels.goldenOutput(model);
        List<String> printed = runSketch(elf, board, prefix, SharedModels.goldenInput(model), golden.length);
        List<String> expected = new ArrayList<>();
        for (byte b : golden) {
            expected.add(Integer.toString(b)); // int8 outputs: each byte one signed element
        }
        assertEquals(expected, printed);
    }

    /**
     * Runs the sketch on QEMU's {@code board}, sends {@code input} one block per {@code '>'} it prints,
     * and returns the {@code count} numbers it prints after its output heading; stops QEMU after the
     * inference-time line that ends a round (the board never exits), or fails after a minute.
     *
     * <p>After each {@code '>'} the block waits 10 ms: QEMU's AVR (7.2) does not look again for a
     * pending interrupt when {@code out SREG} re-enables interrupts, so a byte that arrives inside the
     * few instructions of Serial.write's atomic block (which wrote the {@code '>'}) would stay unread.
     */
    private static List<String> runSketch(Path elf, String board, String prefix, byte[] input, int count)
            throws IOException, InterruptedException {
        Process qemu = new ProcessBuilder("qemu-system-avr", "-M", board, "-nographic", "-serial", "stdio",
                "-monitor", "none", "-bios", elf.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder console = new StringBuilder();
        try (InputStream out = qemu.getInputStream(); OutputStream in = qemu.getOutputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            StringBuilder line = new StringBuilder();
            int sent = 0;
            while (!console.toString().contains(prefix + ": inference took ")
                    || !console.toString().endsWith("\n")) {
                if (System.nanoTime() > deadline) {
                    fail("the sketch did not finish within 60 s; it printed:\n" + console);
                }
                if (out.available() == 0) {
                    if (!qemu.isAlive()) {
                        fail("QEMU ended; the sketch printed:\n" + console);
                    }
                    Thread.sleep(1);
                    continue;
                }
                int c = out.read();
                console.append((char) c);
                // a request is a '>' on a line of '>' only (the heading above them mentions '>' too)
                if (c == '>' && line.chars().allMatch(ch -> ch == '>')) {
                    Thread.sleep(10);
                    int n = Math.min(32, input.length - sent);
                    in.write(input, sent, n);
                    in.flush();
                    sent += n;
                }
                line = c == '\n' ? new StringBuilder() : line.append((char) c);
            }
            assertEquals(input.length, sent, console.toString());
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor(10, TimeUnit.SECONDS);
        }
        return printedOutput(console.toString(), prefix, count);
    }

    /** The {@code count} lines after the sketch's last heading of output 0, checked to end the round. */
    private static List<String> printedOutput(String console, String prefix, int count) {
        List<String> lines = console.lines().map(String::strip).toList();
        int heading = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix + ": output 0 (")) {
                heading = i;
            }
        }
        assertTrue(heading >= 0 && lines.get(heading).endsWith(", " + count + " elements:"), console);
        assertTrue(lines.get(heading + count + 1).matches(prefix + ": inference took \\d+ us"), console);
        return lines.subList(heading + 1, heading + 1 + count);
    }

    /**
     * The example sketch as C++ on the host, Serial, micros() and main() stood in for by a header: it
     * compiles warning-free and prints the golden outputs, the int8 ones exactly and the float ones
     * (7 decimals) within the golden files' tolerance. The stand-in ends the program at the end of
     * the input, where the sketch waits for its next round.
     */
    @Test
    void exampleSketchOnTheHostPrintsTheGoldenOutputs() throws Exception {
        Files.writeString(tmp.resolve("serial_stub.h"), """
                #include <cstdint>
                #include <cstdio>
                #include <cstdlib>
                #define F(text) (text)
                static unsigned long micros() { return 0; }
                struct HostSerial {
                    void begin(unsigned long) {}
                    explicit operator bool() const { return true; }
                    int read() {
                        int c = std::getchar();
                        if (c == EOF) {
                            std::fflush(stdout);
                            std::exit(0);
                        }
                        return c;
                    }
                    void write(char c) { std::putchar(c); }
                    void print(const char *s) { std::fputs(s, stdout); }
                    void print(char c) { std::putchar(c); }
                    void print(int v) { std::printf("%d", v); }
                    void print(long v) { std::printf("%ld", v); }
                    void print(unsigned long v) { std::printf("%lu", v); }
                    void print(double v, int digits) { std::printf("%.*f", digits, v); }
                    template <typename T> void println(T v) { print(v); println(); }
                    void println(double v, int digits) { print(v, digits); println(); }
                    void println() { std::fputs("\\r\\n", stdout); }
                };
                static HostSerial Serial;
                void setup();
                void loop();
                int main() { setup(); for (;;) { loop(); } }
                """);
        for (Path model : List.of(KWS, SharedModels.root().resolve("tflm-examples/hello_world_float.tflite"))) {
            Path work = Files.createDirectories(tmp.resolve(SharedModels.name(model)));
            Path src = compile(model, work.resolve("lib"), "--format", "arduino").resolve("src");
            List<String> objects = new ArrayList<>();
            try (Stream<Path> files = Files.list(src)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                    HostCompiler.run(work, List.of("gcc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-c",
                            f.toString()), null);
                    objects.add(f.getFileName().toString().replace(".c", ".o"));
                }
            }
            List<String> cmd = new ArrayList<>(List.of("g++", "-std=gnu++11", "-O1", "-Wall", "-Wextra", "-Werror",
                    "-I" + src, "-include", tmp.resolve("serial_stub.h").toString(), "-x", "c++",
                    src.resolveSibling("examples/model_serial/model_serial.ino").toString(), "-x", "none"));
            cmd.addAll(objects);
            cmd.addAll(List.of("-o", "sketch", "-lm"));
            HostCompiler.run(work, cmd, null);
            String console = new String(HostCompiler.run(work, List.of("./sketch"), SharedModels.goldenInput(model)),
                    StandardCharsets.UTF_8);
            ByteBuffer golden = ByteBuffer.wrap(SharedModels.goldenOutput(model)).order(ByteOrder.LITTLE_ENDIAN);
            boolean isFloat = model.getFileName().toString().contains("float");
            int count = golden.capacity() / (isFloat ? 4 : 1);
            List<String> printed = printedOutput(console, "model", count);
            for (int i = 0; i < count; i++) {
                if (isFloat) {
                    float want = golden.getFloat(4 * i);
                    double got = Double.parseDouble(printed.get(i));
                    assertTrue(Math.abs(got - want) <= 1e-6 + 1e-5 * Math.abs(want), i + ": " + got + " vs " + want);
                } else {
                    assertEquals(Integer.toString(golden.get(i)), printed.get(i), "element " + i);
                }
            }
        }
    }

    @Test
    void arduinoLibraryPropertiesFollowTheLibrarySpecification() throws Exception {
        Path dir = compile(KWS, tmp.resolve("kws"), "--format", "arduino", "--target", "cortex-m4", "--prefix", "kws");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dir.resolve("library.properties"))));
        for (String key : List.of("name", "version", "author", "maintainer", "sentence", "paragraph", "category",
                "url", "architectures")) {
            assertTrue(p.containsKey(key), "library.properties lacks " + key);
        }
        assertEquals("kws", p.getProperty("name"));
        // the specification: letters, digits, spaces, underscores, dots and dashes, from a letter or digit
        assertTrue(p.getProperty("name").matches("[A-Za-z0-9][A-Za-z0-9 _.-]*"), p.getProperty("name"));
        assertTrue(p.getProperty("version").matches("\\d+\\.\\d+\\.\\d+"), p.getProperty("version"));
        assertTrue(List.of("Display", "Communication", "Signal Input/Output", "Sensors", "Device Control", "Timing",
                "Data Storage", "Data Processing", "Other").contains(p.getProperty("category")));
        assertEquals("*", p.getProperty("architectures"));
        assertTrue(Files.isRegularFile(dir.resolve("src/kws.h")) && Files.isRegularFile(dir.resolve("src/kws.c")));
        assertTrue(Files.isRegularFile(dir.resolve("examples/kws_serial/kws_serial.ino")));
        assertTrue(Files.isRegularFile(dir.resolve("report.json")) && Files.isRegularFile(dir.resolve("report.html")));
        try (Stream<Path> top = Files.list(dir)) {
            assertFalse(top.anyMatch(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h")),
                    "sources only in src/");
        }
        Properties avr = new Properties();
        avr.load(new StringReader(Files.readString(compile(HELLO, tmp.resolve("hello"), "--format", "arduino",
                "--target", "atmega328p").resolve("library.properties"))));
        assertEquals("avr", avr.getProperty("architectures"));
    }

    // ---- PlatformIO

    @Test
    void platformioLibraryJsonFollowsTheSchemaAndItsSourcesBuild() throws Exception {
        Path dir = compile(KWS, tmp.resolve("kws"), "--format", "platformio", "--prefix", "kws");
        JsonNode j = Json.MAPPER.readTree(dir.resolve("library.json").toFile());
        assertEquals("kws", j.path("name").asText());
        assertTrue(j.path("version").asText().matches("\\d+\\.\\d+\\.\\d+"), j.toString());
        assertFalse(j.path("description").asText().isEmpty());
        assertTrue(j.path("description").asText().length() <= 255, "the schema's limit");
        assertTrue(j.path("keywords").isArray() && j.path("keywords").size() > 0);
        assertEquals("*", j.path("frameworks").path(0).asText());
        assertEquals("native", j.path("platforms").path(0).asText());
        Path src = dir.resolve(j.path("build").path("srcDir").asText());
        Path include = dir.resolve(j.path("build").path("includeDir").asText());
        assertTrue(Files.isRegularFile(include.resolve("kws.h")), "the header is in includeDir");
        for (JsonNode e : j.path("export").path("include")) {
            assertTrue(Files.exists(dir.resolve(e.asText())), "export.include names a missing " + e);
        }
        assertTrue(j.path("examples").size() > 0);
        for (JsonNode e : j.path("examples")) {
            for (JsonNode f : e.path("files")) {
                assertTrue(Files.isRegularFile(dir.resolve(e.path("base").asText()).resolve(f.asText())), e.toString());
            }
        }
        // what PlatformIO builds: every .c of srcDir, includeDir on the include path
        Files.writeString(tmp.resolve("app.c"), BuildFormatsTest.KWS_APP);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror",
                "-I" + include, "app.c", "-o", "app"));
        try (Stream<Path> files = Files.list(src)) {
            files.filter(f -> f.toString().endsWith(".c")).sorted().forEach(f -> cmd.add(f.toString()));
        }
        cmd.add("-lm");
        HostCompiler.run(tmp, cmd, null);
        assertArrayEquals(SharedModels.goldenOutput(KWS), HostCompiler.run(tmp, List.of("./app"),
                SharedModels.goldenInput(KWS)));
    }

    /** On AVR: platform atmelavr, and the build flags give the GNU C that __flash needs; avr-gcc builds it. */
    @Test
    void platformioLibraryForTheUnoBuildsWithItsFlags() throws Exception {
        Path dir = compile(HELLO, tmp.resolve("hello"), "--format", "platformio", "--target", "atmega328p",
                "--prefix", "hello");
        JsonNode j = Json.MAPPER.readTree(dir.resolve("library.json").toFile());
        assertEquals("atmelavr", j.path("platforms").path(0).asText());
        List<String> cmd = new ArrayList<>(List.of("avr-gcc", "-mmcu=atmega328p", "-Os", "-Wall", "-Wextra",
                "-Werror", "-c", "-I" + dir.resolve(j.path("build").path("includeDir").asText())));
        j.path("build").path("flags").forEach(f -> cmd.add(f.asText()));
        Path src = dir.resolve(j.path("build").path("srcDir").asText());
        try (Stream<Path> files = Files.list(src)) {
            files.filter(f -> f.toString().endsWith(".c")).sorted().forEach(f -> cmd.add(f.toString()));
        }
        HostCompiler.run(tmp, cmd, null);
    }

    // ---- Zephyr

    @Test
    void zephyrModuleFollowsTheModuleLayoutAndItsCMakeListsBuildsTheModel() throws Exception {
        Path dir = compile(KWS, tmp.resolve("kws"), "--format", "zephyr", "--prefix", "kws");
        Map<String, String> module = yaml(Files.readString(dir.resolve("zephyr/module.yml")));
        assertEquals("tflc_kws", module.get("name"));
        Path cmakeDir = dir.resolve(module.get("build.cmake"));
        Path kconfig = dir.resolve(module.get("build.kconfig"));
        assertTrue(Files.isRegularFile(cmakeDir.resolve("CMakeLists.txt")), module.toString());
        String config = Files.readString(kconfig);
        assertTrue(config.contains("\nconfig TFLC_KWS\n\tbool \""), config);
        String cmake = Files.readString(cmakeDir.resolve("CMakeLists.txt"));
        assertTrue(cmake.contains("if(CONFIG_TFLC_KWS)") && cmake.contains("zephyr_library()"), cmake);

        // Zephyr's CMake functions stood in for by plain CMake: a library of the listed sources
        Files.writeString(tmp.resolve("app.c"), BuildFormatsTest.KWS_APP);
        Files.writeString(tmp.resolve("CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.13)
                project(app C)
                macro(zephyr_library)
                    add_library(module STATIC)
                endmacro()
                macro(zephyr_library_sources)
                    target_sources(module PRIVATE ${ARGN})
                endmacro()
                macro(zephyr_include_directories)
                    target_include_directories(module PUBLIC ${ARGN})
                endmacro()
                set(CONFIG_TFLC_KWS y)
                add_subdirectory(kws/zephyr module)
                add_executable(app app.c)
                target_link_libraries(app PRIVATE module m)
                """);
        HostCompiler.run(tmp, List.of("cmake", "-S", ".", "-B", "build", "-DCMAKE_C_FLAGS=-Wall -Wextra -Werror"),
                null);
        HostCompiler.run(tmp, List.of("cmake", "--build", "build"), null);
        assertArrayEquals(SharedModels.goldenOutput(KWS), HostCompiler.run(tmp, List.of("./build/app"),
                SharedModels.goldenInput(KWS)));
    }

    /** module.yml's scalar keys, nested ones joined by dots (the two levels module.yml uses). */
    private static Map<String, String> yaml(String text) {
        Map<String, String> keys = new LinkedHashMap<>();
        String parent = null;
        for (String raw : text.lines().toList()) {
            String line = raw.replaceAll("\\s+#.*$", "");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            boolean nested = line.startsWith("  ");
            String[] kv = line.strip().split(":\\s*", 2);
            if (!nested) {
                parent = kv[0];
            }
            if (kv.length == 2 && !kv[1].isEmpty()) {
                keys.put(nested ? parent + "." + kv[0] : kv[0], kv[1]);
            }
        }
        return keys;
    }

    // ---- all three

    @Test
    void packageFormatsAreDeterministicAndEveryFileIsInTheManifest() throws Exception {
        for (String format : List.of("arduino", "platformio", "zephyr")) {
            Path a = compile(HELLO, tmp.resolve(format + "-a"), "--format", format, "--target", "cortex-m0plus");
            Path b = compile(HELLO, tmp.resolve(format + "-b"), "--format", format, "--target", "cortex-m0plus");
            Map<String, byte[]> first = tree(a);
            Map<String, byte[]> second = tree(b);
            assertEquals(first.keySet(), second.keySet(), format);
            first.forEach((f, bytes) -> assertArrayEquals(bytes, second.get(f), format + ": " + f));
            JsonNode manifest = Json.MAPPER.readTree(first.get(OutputFolder.MANIFEST));
            List<String> listed = new ArrayList<>();
            manifest.path("files").fieldNames().forEachRemaining(listed::add);
            List<String> present = new ArrayList<>(first.keySet());
            present.remove(OutputFolder.MANIFEST);
            assertEquals(present, listed.stream().sorted().toList(), format);
            assertTrue(present.contains("src/model.c") && present.contains("report.json"), format + ": " + present);
        }
    }

    /**
     * The output folder's rules hold inside the package layouts: a user's library.properties is never
     * overwritten, a user's file in src/ is kept, and compiling another format into the folder removes
     * the first format's own files only.
     */
    @Test
    void aUsersFilesInAPackageFolderAreKept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("lib/src"));
        Files.writeString(dir.resolve("notes.txt"), "mine\n");
        Files.writeString(dir.resolveSibling("library.properties"), "name=mine\n");
        MainTest.Result r = MainTest.tflc(new byte[0], "compile", HELLO.toString(), "-o", dir.getParent().toString(),
                "--format", "arduino");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("library.properties"), r.err());
        assertEquals("name=mine\n", Files.readString(dir.resolveSibling("library.properties")));
        assertFalse(Files.exists(dir.resolve("model.c")), "nothing written");

        Files.delete(dir.resolveSibling("library.properties"));
        compile(HELLO, dir.getParent(), "--format", "arduino");
        assertTrue(Files.isRegularFile(dir.resolve("model.c")) && Files.isRegularFile(dir.resolveSibling(
                "examples/model_serial/model_serial.ino")));
        compile(HELLO, dir.getParent(), "--format", "zephyr");
        assertFalse(Files.exists(dir.resolveSibling("library.properties")), "the arduino format's own file removed");
        assertFalse(Files.exists(dir.resolveSibling("examples/model_serial/model_serial.ino")));
        assertTrue(Files.isRegularFile(dir.resolveSibling("zephyr/module.yml")) && Files.isRegularFile(
                dir.resolve("model.c")));
        assertEquals("mine\n", Files.readString(dir.resolve("notes.txt")));
    }

    /** The files under {@code dir}, by relative path with '/' separators, in order. */
    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void whatALibraryCannotHoldIsRefusedOnOneLine() throws Exception {
        for (String[] options : List.of(new String[] {"--format", "arduino", "--main"},
                new String[] {"--format", "zephyr", "--target", "atmega328p"},
                new String[] {"--format", "arduino", "--java", "com.example.model"},
                new String[] {"--format", "platformio", "--target", "cortex-m4", "--kernels", "cmsis-nn"})) {
            Path dir = tmp.resolve("refused");
            List<String> args = new ArrayList<>(List.of("compile", HELLO.toString(), "-o", dir.toString()));
            args.addAll(Arrays.asList(options));
            MainTest.Result r = MainTest.tflc(new byte[0], args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", options) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(dir.resolve("src")), "nothing written");
        }
    }

    /** Fails, naming the Debian packages, when a tool is not on the PATH. */
    private static void requireTools(String... tools) {
        for (String tool : tools) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
            if (!found) {
                fail(tool + " is not on the PATH: the Arduino tests need it (Debian: apt-get install arduino-builder "
                        + "arduino-core-avr arduino-ctags gcc-avr avr-libc qemu-system-misc, as .ci/run does)");
            }
        }
    }
}
