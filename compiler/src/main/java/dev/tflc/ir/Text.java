package dev.tflc.ir;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings that come from a model file (tensor, subgraph and custom operator names, the description):
 * how they are decoded, and the one escaping that every message, {@code info} line and generated C
 * comment shows them through.
 *
 * <p>Decoding keeps every byte: a byte that is not part of valid UTF-8 (a stray continuation byte, a
 * truncated sequence, an encoded surrogate) is held as the lone surrogate {@code U+DC00 + byte}, which
 * valid UTF-8 never decodes to. {@link #printable} shows such a byte as {@code \xNN} with its value;
 * {@link #wellFormed} replaces it by U+FFFD where a string must be valid Unicode (writing a model).
 */
public final class Text {
    private static final int RAW_BYTE = 0xDC00;

    private Text() {
    }

    /** The UTF-8 bytes from {@code bytes}' position to its limit, with invalid bytes kept (see above). */
    public static String fromUtf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = bytes.duplicate();
        // UTF-8 decodes to at most one char per byte, and each kept byte is one char.
        CharBuffer out = CharBuffer.allocate(in.remaining());
        CoderResult r = decoder.decode(in, out, true);
        while (r.isError()) {
            for (int i = 0; i < r.length(); i++) {
                out.put((char) (RAW_BYTE | (in.get() & 0xff)));
            }
            r = decoder.decode(in, out, true);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** {@code s} as valid Unicode: every kept invalid byte and any other lone surrogate becomes U+FFFD. */
    public static String wellFormed(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.getType(c) == Character.SURROGATE ? 0xFFFD : c));
        return sb.toString();
    }

    /**
     * {@code s} safe to show on a terminal or in a one-line message: backslash, tab, newline and
     * carriage return as {@code \\ \t \n \r}; other ASCII controls (ESC included) and kept invalid
     * bytes as {@code \xNN}; other controls, format characters (bidirectional overrides, zero-width
     * characters), line and paragraph separators, lone surrogates, private-use and unassigned code
     * points as {@code \}{@code uNNNN} (or {@code \}{@code UNNNNNNNN} beyond the BMP). Printable
     * Unicode is kept.
     */
    public static String printable(String s) {
        return escape(s, false);
    }

    /** {@link #printable}, and every character beyond ASCII escaped too: for generated source files. */
    public static String printableAscii(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= RAW_BYTE + 0x80 && c <= RAW_BYTE + 0xff)) {
                        sb.append(String.format("\\x%02x", c & 0xff));
                    } else if (asciiOnly ? c > 0x7e : !isPrintable(c)) {
                        sb.append(c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
