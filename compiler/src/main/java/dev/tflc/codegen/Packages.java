package dev.tflc.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflc.ir.IrException;
import dev.tflc.ir.TensorType;
import dev.tflc.target.Target;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stringtemplate.v4.ST;
import org.stringtemplate.v4.STGroup;

/**
 * Where each generated file goes in an output format, and the build files beside it (templates/build.stg).
 * {@code plain}, {@code cmake} and {@code make} keep the sources at the folder's top; the package
 * formats put them in {@code src/}:
 * <ul>
 * <li>{@code arduino}: an Arduino library (library specification 1.5): {@code library.properties},
 * {@code src/}, and the example sketch {@code examples/PREFIX_serial/PREFIX_serial.ino};
 * <li>{@code platformio}: a PlatformIO library: {@code library.json} (its {@code build} section names
 * {@code src/} as source and include folder), {@code src/}, and the same example sketch;
 * <li>{@code zephyr}: a Zephyr module: {@code zephyr/module.yml} naming {@code zephyr/CMakeLists.txt}
 * and {@code zephyr/Kconfig} (the Kconfig symbol {@code TFLC_PREFIX} adds the sources to the
 * application), and {@code src/}.
 * </ul>
 * The package formats' names do not collide with the other formats' ({@code CMakeLists.txt} at the
 * top is cmake's, {@code PREFIX.mk} make's). The reports stay at the top in every format.
 */
final class Packages {
    /** The formats whose sources go in {@code src/}, as a library of their tool. */
    static final List<String> PACKAGED = List.of("arduino", "platformio", "zephyr");

    private Packages() {
    }

    /**
     * {@code files} (flat names: the model's sources, the runtime, main.c) laid out for {@code opt}'s
     * format, with its build files; or the one-line reason the format cannot hold this output.
     */
    static Map<String, byte[]> lay(CGenerator.Options opt, Map<String, Object> m, Map<String, byte[]> files,
            boolean cmsisNn) {
        String format = opt.format();
        if (format.equals("plain")) {
            return files;
        }
        List<String> sources = files.keySet().stream().filter(f -> f.endsWith(".c") && !f.equals("main.c"))
                .sorted().toList();
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!PACKAGED.contains(format)) {
            out.putAll(files);
            ST st = templates().getInstanceOf(format);
            st.add("m", m);
            st.add("sources", sources);
            st.add("cmsisNn", cmsisNn);
            st.add("jni", opt.javaPackage() == null ? null : JavaBinding.glueFile(opt.prefix()));
            out.put(format.equals("cmake") ? "CMakeLists.txt" : opt.prefix() + ".mk", bytes(st.render()));
            return out;
        }
        check(opt, cmsisNn);
        files.forEach((name, content) -> out.put("src/" + name, content));
        String prefix = opt.prefix();
        String example = "examples/" + prefix + "_serial/" + prefix + "_serial.ino";
        switch (format) {
            case "arduino" -> {
                out.put("library.properties", render("libraryProperties", m, Map.of("architectures",
                        arduinoArchitectures(opt.target()))));
                out.put(example, sketch(m));
            }
            case "platformio" -> {
                out.put("library.json", libraryJson(opt, m, example));
                out.put(example, sketch(m));
            }
            default -> {
                Map<String, Object> z = Map.of("symbol", kconfigSymbol(prefix), "sources", sources);
                out.put("zephyr/module.yml", render("zephyrModule", m, z));
                out.put("zephyr/CMakeLists.txt", render("zephyrCMakeLists", m, z));
                out.put("zephyr/Kconfig", render("zephyrKconfig", m, z));
            }
        }
        return out;
    }

    /** The Kconfig symbol that adds a Zephyr module's sources to the application: TFLC_PREFIX. */
    private static String kconfigSymbol(String prefix) {
        return "TFLC_" + prefix.toUpperCase(Locale.ROOT);
    }

    /** Refuses what a package format cannot hold, with the one-line reason. */
    private static void check(CGenerator.Options opt, boolean cmsisNn) {
        String format = opt.format();
        if (opt.main()) {
            throw new IrException("--main writes a host program with its own main(), which a " + format
                    + " library cannot hold; use --format plain, cmake or make for it");
        }
        if (opt.javaPackage() != null) {
            throw new IrException("--java writes a binding for a JVM on a host, which a " + format
                    + " library cannot hold; use --format plain, cmake or make for it");
        }
        if (cmsisNn) {
            throw new IrException("layers call CMSIS-NN, which a self-contained " + format
                    + " library cannot carry; use --format cmake or make, which link your CMSIS-NN build");
        }
        if (format.equals("zephyr") && opt.target().separateProgramMemory()) {
            throw new IrException("Zephyr does not run on " + opt.target().name() + "; use --format arduino or "
                    + "platformio for it");
        }
    }

    /** The Arduino architectures whose boards build the sources as written for the target. */
    private static String arduinoArchitectures(Target target) {
        // constants in flash through avr-gcc's named address spaces: AVR boards only; the other
        // targets' C is portable (core features are tested by the preprocessor)
        return target.separateProgramMemory() ? "avr" : "*";
    }

    /** PlatformIO's development platforms for the target (names of the PlatformIO registry). */
    private static List<String> platformioPlatforms(Target target) {
        if (target.separateProgramMemory()) {
            return List.of("atmelavr");
        }
        return target.name().equals("host") ? List.of("native") : List.of("*");
    }

    /** library.json per PlatformIO's library manifest schema. */
    private static byte[] libraryJson(CGenerator.Options opt, Map<String, Object> m, String example) {
        ObjectNode j = Json.MAPPER.createObjectNode();
        j.put("name", opt.prefix());
        j.put("version", CGenerator.VERSION);
        j.put("description", description(m));
        ArrayNode keywords = j.putArray("keywords");
        List.of("tflite", "tinyml", "neural-network", "inference").forEach(keywords::add);
        ArrayNode authors = j.putArray("authors");
        authors.addObject().put("name", "tflc").put("maintainer", true);
        j.putArray("frameworks").add("*");
        ArrayNode platforms = j.putArray("platforms");
        platformioPlatforms(opt.target()).forEach(platforms::add);
        ObjectNode build = j.putObject("build");
        build.put("srcDir", "src");
        build.put("includeDir", "src");
        if (opt.target().separateProgramMemory()) {
            // __flash and __memx are GNU C: the generated constants are read through them
            build.putArray("flags").add("-std=gnu11");
        }
        ArrayNode include = j.putObject("export").putArray("include");
        List.of("src", "examples", "library.json", "report.json", "report.html").forEach(include::add);
        ArrayNode examples = j.putArray("examples");
        String base = example.substring(0, example.lastIndexOf('/'));
        examples.addObject().put("name", example.substring(base.length() + 1, example.length() - ".ino".length()))
                .put("base", base).putArray("files").add(example.substring(base.length() + 1));
        try {
            return bytes(Json.WRITER.writeValueAsString(j) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line about the model, for a package's manifest (at most 255 characters, PlatformIO's limit). */
    private static String description(Map<String, Object> m) {
        return String.format(Locale.ROOT, "%s compiled by tflc %s for %s: %s_invoke() runs it in a static arena of "
                + "%d bytes, with %d bytes of constant weights; no heap.", m.get("source"), m.get("version"),
                m.get("target"), m.get("prefix"), m.get("arenaBytes"), m.get("weightBytes"));
    }

    /** The example sketch: reads the inputs' raw bytes from Serial, runs the model, prints the outputs. */
    private static byte[] sketch(Map<String, Object> m) {
        List<Map<String, Object>> outputs = printed(m);
        boolean wide = outputs.stream().anyMatch(o -> ((String) o.get("print")).startsWith("printWide"));
        return render("sketch", m, Map.of("outputs", outputs, "wide", wide));
    }

    /** The outputs with the Arduino Print call that writes one element of each as a number. */
    private static List<Map<String, Object>> printed(Map<String, Object> m) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) m.get("outputs");
        return outputs.stream().map(o -> {
            Map<String, Object> p = new LinkedHashMap<>(o);
            String type = (String) o.get("type");
            p.put("print", switch (type) {
                case "FLOAT32", "FLOAT64" -> "Serial.println(v[i], 7);";
                case "UINT32" -> "Serial.println((unsigned long)v[i]);";
                case "INT64" -> "printWide(v[i] < 0, v[i] < 0 ? 0ull - (unsigned long long)v[i] : (unsigned long long)v[i]);";
                case "UINT64" -> "printWide(false, v[i]);";
                default -> "Serial.println((long)v[i]);";
            });
            // FLOAT16 elements print as their raw 16 bits
            p.put("elements", ((Number) o.get("bytes")).longValue() / TensorType.valueOf(type).bytes());
            return p;
        }).toList();
    }

    private static byte[] render(String template, Map<String, Object> m, Map<String, Object> more) {
        ST st = templates().getInstanceOf(template);
        if (st == null) {
            throw new IllegalStateException("template " + template + " is missing");
        }
        st.add("m", m);
        more.forEach(st::add);
        st.add("description", description(m));
        return bytes(CGenerator.stripTrailingBlanks(st.render().replace("\r\n", "\n")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static STGroup templates() {
        return CGenerator.templates("build.stg");
    }
}
