package dev.tflc.codegen;

import java.util.Locale;
import java.util.Set;

/**
 * The rules for {@code --prefix}, the name of the generated C API and of its two files
 * ({@code PREFIX.h}, {@code PREFIX.c}). A prefix must be a C identifier that no C99 compiler may
 * confuse with another external name (at most 31 characters, no leading underscore), not a C keyword,
 * and must not make a file name that tflc writes for another purpose or that the generated code
 * includes: {@code main.c}, the runtime's {@code tflc_*} files, a C standard header such as
 * {@code string.h}, or CMSIS-NN's {@code arm_*} headers. File names are compared ignoring case, as
 * on the case-insensitive file systems of many firmware developers.
 */
public final class Prefix {
    /** C99's minimum number of significant characters in an external identifier. */
    public static final int MAX_LENGTH = 31;

    private static final Set<String> KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue",
            "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int",
            "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
            "typedef", "union", "unsigned", "void", "volatile", "while");

    /** Headers that generated code or a build around it may include with the output folder on the path. */
    private static final Set<String> HEADERS = Set.of("assert", "complex", "ctype", "errno", "fenv", "float",
            "inttypes", "iso646", "limits", "locale", "math", "setjmp", "signal", "stdalign", "stdarg",
            "stdatomic", "stdbool", "stddef", "stdint", "stdio", "stdlib", "stdnoreturn", "string", "tgmath",
            "threads", "time", "uchar", "wchar", "wctype", "arduino");

    private Prefix() {
    }

    /** Why {@code prefix} cannot be used, or null when it can. */
    public static String problem(String prefix) {
        if (prefix.isEmpty()) {
            return "is empty; the prefix names the C API and its files";
        }
        if (!prefix.matches("[A-Za-z][A-Za-z0-9_]*")) {
            return "is not a C identifier starting with a letter (letters, digits and _)";
        }
        if (prefix.length() > MAX_LENGTH) {
            return "is " + prefix.length() + " characters long; C99 guarantees only " + MAX_LENGTH
                    + " significant characters in external names";
        }
        String lower = prefix.toLowerCase(Locale.ROOT);
        if (KEYWORDS.contains(prefix)) {
            return "is a C keyword";
        }
        if (lower.equals("main")) {
            return "would name the file main.c, which --main writes";
        }
        if (lower.startsWith("tflc")) {
            return "would collide with the runtime's tflc_* files and functions";
        }
        if (lower.startsWith("arm_") || lower.startsWith("cmsis")) {
            return "would collide with CMSIS-NN's arm_* and cmsis_* names";
        }
        if (HEADERS.contains(lower)) {
            return "would name " + prefix + ".h like a standard header that generated code includes";
        }
        return null;
    }

    /** {@code prefix}, checked. */
    public static String check(String prefix) {
        String p = problem(prefix);
        if (p != null) {
            throw new IllegalArgumentException("--prefix '" + prefix + "' " + p);
        }
        return prefix;
    }
}
