package dev.tflc.bench;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One figure of a row of type {@code R}, as the writers show it: its column in a Markdown table
 * ({@code header}, right-aligned if {@code numeric}, the {@code cell} text, and the {@code definition}
 * the table's legend gives, if any) and its place in a JSON row ({@code jsonPath}, dot-separated for
 * nested objects, and the {@code json} value; left out when null if {@code jsonOmitsNull}). A column
 * without a header is only in the JSON, one without a path only in the table.
 */
record Column<R>(String header, boolean numeric, Function<R, String> cell, String jsonPath, Function<R, ?> json,
        boolean jsonOmitsNull, String definition) {

    /** A text column, the same text in the table (left-aligned) and in the JSON. */
    static <R> Column<R> text(String header, String jsonPath, Function<R, String> value) {
        return new Column<>(header, false, value, jsonPath, value, false, null);
    }

    /** A whole number: 1,234,567 in the table (right-aligned), 1234567 in the JSON. */
    static <R> Column<R> count(String header, String jsonPath, ToLongFunction<R> value) {
        return new Column<>(header, true, r -> Format.count(value.applyAsLong(r)), jsonPath, value::applyAsLong,
                false, null);
    }

    /** A figure written differently in the table and in the JSON. */
    static <R> Column<R> of(String header, boolean numeric, Function<R, String> cell, String jsonPath,
            Function<R, ?> json) {
        return new Column<>(header, numeric, cell, jsonPath, json, false, null);
    }

    /** A column in the table only. */
    static <R> Column<R> tableOnly(String header, boolean numeric, Function<R, String> cell) {
        return new Column<>(header, numeric, cell, null, null, false, null);
    }

    /** A figure in the JSON only. */
    static <R> Column<R> jsonOnly(String jsonPath, Function<R, ?> value) {
        return new Column<>(null, false, null, jsonPath, value, false, null);
    }

    /**
     * This column with its legend entry: a sentence, or a sum starting with "= "; continuation lines
     * indented by two spaces.
     */
    Column<R> definedAs(String text) {
        return new Column<>(header, numeric, cell, jsonPath, json, jsonOmitsNull, text);
    }

    /** This column, left out of a JSON row where its value is null. */
    Column<R> omittedFromJsonWhenNull() {
        return new Column<>(header, numeric, cell, jsonPath, json, true, definition);
    }

    boolean inTable() {
        return header != null;
    }

    boolean inJson() {
        return jsonPath != null;
    }
}
