package dev.tflc.ir;

/**
 * A model that breaks one of the IR's rules. Carries the location it was found at; the command line
 * turns it into a one-line diagnostic.
 */
public class IrException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Location location;

    public IrException(String message) {
        this(Location.NONE, message);
    }

    public IrException(Location location, String message) {
        super(message);
        this.location = location;
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
