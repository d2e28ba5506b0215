package dev.tflc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.ops.Operators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The README's operator coverage table is made from the code: every operator kind the compiler
 * registers ({@link Operators#supported}) and the types {@link GeneratedCodePerOperatorTest} holds it
 * to the reference in. A registered operator without random cases fails here, and so does a README
 * whose table differs from the one made now. The command that rewrites the table:
 * {@code mvn -q test -Dtest=OperatorCoverageTest -Dtflc.coverage.write=true} (from {@code compiler/}).
 */
class OperatorCoverageTest {
    static final String BEGIN = "<!-- operator coverage: made by OperatorCoverageTest, do not edit -->";
    static final String END = "<!-- end of operator coverage -->";

    /** Operator -> the types its random cases cover, in the order the test lists them. */
    static Map<String, Set<String>> coverage() {
        Map<String, Set<String>> types = new TreeMap<>();
        for (GeneratedCodePerOperatorTest.Entry e : GeneratedCodePerOperatorTest.entries()) {
            for (String op : e.operators()) {
                types.computeIfAbsent(op, k -> new LinkedHashSet<>()).add(e.type());
            }
        }
        return types;
    }

    static String table() {
        StringBuilder sb = new StringBuilder(BEGIN).append('\n');
        sb.append("| operator | types (each: ").append(GeneratedCodePerOperatorTest.CASES)
                .append(" random models per test run, generated C against the reference) |\n");
        sb.append("| --- | --- |\n");
        for (Map.Entry<String, Set<String>> e : coverage().entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(String.join("; ", e.getValue())).append(" |\n");
        }
        return sb.append(END).toString();
    }

    @Test
    void everyRegisteredOperatorHasRandomCases() {
        List<String> missing = new ArrayList<>(Operators.supported());
        missing.removeAll(coverage().keySet());
        assertTrue(missing.isEmpty(), "operators without random cases in GeneratedCodePerOperatorTest: " + missing);
        List<String> unknown = new ArrayList<>(coverage().keySet());
        unknown.removeAll(Operators.supported());
        assertTrue(unknown.isEmpty(), "GeneratedCodePerOperatorTest lists operators compile does not register: " + unknown);
    }

    @Test
    void readmeTableIsTheOneMadeFromTheCode() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        assertTrue(from >= 0 && to > from, "README.md has no operator coverage table between its markers");
        String now = table();
        if (Boolean.getBoolean("tflc.coverage.write")) {
            Files.writeString(readme, text.substring(0, from) + now + text.substring(to + END.length()));
            return;
        }
        assertEquals(now, text.substring(from, to + END.length()),
                "README.md's operator coverage table is stale: rerun the command in OperatorCoverageTest's comment");
    }
}
