package dev.tflc.codegen;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The one JSON configuration of the files tflc writes: two-space indents, {@code "key": value}. */
public final class Json {
    /** Reads and builds JSON trees and values. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes JSON for people to read too. */
    public static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    private Json() {
    }
}
