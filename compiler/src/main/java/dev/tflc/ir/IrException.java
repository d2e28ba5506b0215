package dev.tflc.ir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A model that breaks one of the IR's rules. Carries the location it was found at; the command line
 * turns it into a one-line diagnostic. One exception may stand for several problems found together
 * ({@link #all}); its diagnostic then lists them in one line.
 */
public class IrException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How many of several problems a diagnostic spells out before it counts the rest. */
    static final int LISTED_PROBLEMS = 10;

    private final Location location;

    public IrException(String message) {
        this(Location.NONE, message);
    }

    public IrException(Location location, String message) {
        super(message);
        this.location = location;
    }

    /**
     * The problems of one place (a subgraph) as one exception: the single problem itself, or one whose
     * message lists them all in operator order, each with its own location (the first
     * {@value #LISTED_PROBLEMS}, then how many more). {@code problems} must not be empty.
     */
    public static IrException all(List<IrException> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        List<IrException> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(p -> p.location.operator()));
        StringBuilder sb = new StringBuilder().append(sorted.size()).append(" problems: ");
        for (int i = 0; i < Math.min(sorted.size(), LISTED_PROBLEMS); i++) {
            sb.append(i == 0 ? "" : "; ").append(sorted.get(i).diagnostic());
        }
        if (sorted.size() > LISTED_PROBLEMS) {
            sb.append("; and ").append(sorted.size() - LISTED_PROBLEMS).append(" more");
        }
        return new IrException(Location.NONE, sb.toString());
    }

    public Location location() {
        return location;
    }

    /** The same problem, placed at {@code outer} where this exception does not know more. */
    public IrException at(Location outer) {
        IrException e = new IrException(location.within(outer), getMessage());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** {@code file: subgraph 0, operator 3 (CONV_2D), tensor 'x': message}. */
    public String diagnostic() {
        String where = location.toString();
        return where.isEmpty() ? getMessage() : where + ": " + getMessage();
    }
}
