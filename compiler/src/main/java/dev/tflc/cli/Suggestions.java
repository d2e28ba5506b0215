package dev.tflc.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" for a mistyped option value: the known values nearest by edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    /** The known values within a few edits of {@code typed}, nearest first (empty when none is close). */
    static List<String> near(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 3);
        return known.stream()
                .filter(k -> distance(t, k.toLowerCase(Locale.ROOT)) <= limit
                        || (t.length() >= 3 && k.toLowerCase(Locale.ROOT).startsWith(t)))
                .sorted(Comparator.<String>comparingInt(k -> distance(t, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(k -> !k.toLowerCase(Locale.ROOT).startsWith(t)))
                .toList();
    }

    /** {@code unknown what 'typed'; did you mean X? (one of: a, b, c)}. */
    static String unknown(String what, String typed, Collection<String> known) {
        List<String> near = near(typed, known);
        return "unknown " + what + " '" + typed + "'" + (near.isEmpty() ? "" : "; did you mean " + near.get(0) + "?")
                + " (one of: " + String.join(", ", known) + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
