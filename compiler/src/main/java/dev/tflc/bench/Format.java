package dev.tflc.bench;

import java.util.Locale;

/** How the benchmark tools write numbers and messages for people: 1,234,567 and one-line errors. */
final class Format {
    private Format() {
    }

    /** A whole number with thousands separators: {@code 1,699,720}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A whole-valued double as {@link #count(long)}, any other as Java writes it ({@code 0.5}). */
    static String number(double d) {
        return d == Math.rint(d) ? count((long) d) : String.valueOf(d);
    }

    /** The text on one line, for an error message. */
    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
