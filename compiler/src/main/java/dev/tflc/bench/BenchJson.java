package dev.tflc.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The benchmark's JSON, through Jackson: two-space indentation with every value on its own line,
 * {@code "key": value}, {@code {}} and {@code []} when empty; whole doubles written as whole numbers
 * (a resolution of 40 instructions is {@code 40}), NaN and infinities as {@code null}.
 */
final class BenchJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("bench-numbers")
                    .addSerializer(Double.class, new WholeDoubles())
                    .addSerializer(double.class, new WholeDoubles()));

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private BenchJson() {
    }

    /** The document as text, ending with a newline. */
    static String write(Object document) {
        try {
            return WRITER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as a tree node, through the same serializers. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static final class WholeDoubles extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        WholeDoubles() {
            super(Double.class);
        }

        @Override
        public void serialize(Double d, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d);
            }
        }
    }
}
