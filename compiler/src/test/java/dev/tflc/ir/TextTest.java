package dev.tflc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTest {
    private static String decoded(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Text.fromUtf8(ByteBuffer.wrap(b));
    }

    @Test
    void validUtf8DecodesAsUtf8() {
        String s = "conv/Relu6;é€𝄞";
        assertEquals(s, Text.fromUtf8(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void invalidUtf8BytesAreKeptAndShownByValue() {
        // A stray continuation byte, 0xff, a truncated sequence at the end, an encoded surrogate (CESU).
        String s = decoded('a', 0x80, 'b', 0xff, 0xed, 0xa0, 0x80, 'c', 0xe2, 0x82);
        assertEquals("a\\x80b\\xff\\xed\\xa0\\x80c\\xe2\\x82", Text.printable(s));
        assertEquals("a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFDc\uFFFD\uFFFD", Text.wellFormed(s));
    }

    @Test
    void controlAndFormatCharactersAreEscapedNeverKept() {
        assertEquals("x\\x1b[2J\\x1b]0;t\\x07\\n\\r\\t\\x00\\x7f",
                Text.printable("x\u001b[2J\u001b]0;t\u0007\n\r\t\0\u007f"));
        assertEquals("\\u009b31m", Text.printable("\u009b31m"), "C1 control (CSI)");
        assertEquals("a\\u202eb\\u200bc\\u2028", Text.printable("a\u202eb\u200bc\u2028"),
                "bidi override, zero width, line separator");
        assertEquals("back\\\\slash", Text.printable("back\\slash"), "a backslash is doubled: escapes are unambiguous");
    }

    @Test
    void printableUnicodeIsKeptOnTheTerminalAndEscapedForSource() {
        assertEquals("é€𝄞", Text.printable("é€𝄞"));
        assertEquals("\\u00e9\\u20ac\\U0001d11e", Text.printableAscii("é€𝄞"));
    }
}
