package dev.tflc.lower;

/**
 * The order in which one call reads its input and writes its output, as the memory plan needs it to
 * place the output over the input: a sequence of blocks in the order the call runs them, block
 * {@code b} writing the output bytes [{@link #writeFrom}, {@link #writeTo}) and reading input bytes
 * only within [{@link #readFrom}, {@link #readTo}) (none when the two are equal). With
 * {@link #readsFirst}, every block reads all of its input before its first write; otherwise its reads
 * and writes interleave. The output may start {@code delta} bytes after the input's start (negative:
 * before) when no block writes a byte that it or a later block still reads ({@link #violation}).
 * An element-wise call is one block per element, reading it and then writing it.
 */
public abstract class Access {
    private final boolean readsFirst;
    private final String order;
    private final boolean atItsPlaceOnly;

    private Access(boolean readsFirst, String order) {
        this(readsFirst, order, false);
    }

    private Access(boolean readsFirst, String order, boolean atItsPlaceOnly) {
        this.readsFirst = readsFirst;
        this.order = order;
        this.atItsPlaceOnly = atItsPlaceOnly;
    }

    /**
     * Whether the output may lie over the input only at the input's own offset (delta 0; or wholly
     * apart): the call reads each element just before it writes the same element, in an order it does
     * not state.
     */
    public final boolean atItsPlaceOnly() {
        return atItsPlaceOnly;
    }

    public abstract int blocks();

    public abstract long writeFrom(int block);

    public abstract long writeTo(int block);

    public abstract long readFrom(int block);

    public abstract long readTo(int block);

    public final boolean readsFirst() {
        return readsFirst;
    }

    /** How the call walks its output ("element by element", "pixels forward", ...), for reports. */
    public final String order() {
        return order;
    }

    /** Each of {@code bytes / elementBytes} elements read, then written at the same index. */
    public static Access elementwise(long bytes, int elementBytes) {
        if (elementBytes < 1 || bytes % elementBytes != 0 || bytes / elementBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(bytes + " bytes of " + elementBytes + "-byte elements");
        }
        int n = (int) (bytes / elementBytes);
        return new Access(true, "element by element") {
            @Override
            public int blocks() {
                return n;
            }

            @Override
            public long writeFrom(int block) {
                return (long) block * elementBytes;
            }

            @Override
            public long writeTo(int block) {
                return (long) (block + 1) * elementBytes;
            }

            @Override
            public long readFrom(int block) {
                return writeFrom(block);
            }

            @Override
            public long readTo(int block) {
                return writeTo(block);
            }
        };
    }

    /**
     * Each of {@code bytes / elementBytes} elements read just before the element at the same index is
     * written, each once, in an order not stated (two pixels' channels interleaved, say): safe over the
     * input only at the input's own offset ({@link #atItsPlaceOnly}), or wholly apart. Described as one
     * block.
     */
    public static Access sameIndex(long bytes, int elementBytes, String order) {
        if (elementBytes < 1 || bytes % elementBytes != 0) {
            throw new IllegalArgumentException(bytes + " bytes of " + elementBytes + "-byte elements");
        }
        return new Builder(false, order).atItsPlaceOnly().block(0, bytes, 0, bytes).build();
    }

    /** Blocks added one by one, in the order the call runs them. */
    public static final class Builder {
        private final int unit;
        private final boolean readsFirst;
        private final String order;
        private long[] b = new long[64];
        private int n;
        private boolean atItsPlaceOnly;

        /** Blocks given in bytes. */
        public Builder(boolean readsFirst, String order) {
            this(1, readsFirst, order);
        }

        /** Blocks given in elements of {@code unit} bytes. */
        public Builder(int unit, boolean readsFirst, String order) {
            this.unit = unit;
            this.readsFirst = readsFirst;
            this.order = order;
        }

        /** The access {@link #atItsPlaceOnly}: its blocks bound what it reads and writes, not the order. */
        Builder atItsPlaceOnly() {
            this.atItsPlaceOnly = true;
            return this;
        }

        /** The next block: writes [writeFrom, writeTo), reads within [readFrom, readTo), in units. */
        public Builder block(long writeFrom, long writeTo, long readFrom, long readTo) {
            if (writeFrom > writeTo || readFrom > readTo) {
                throw new IllegalArgumentException("empty range reversed");
            }
            if (4 * n + 4 > b.length) {
                b = java.util.Arrays.copyOf(b, b.length * 2);
            }
            b[4 * n] = writeFrom * unit;
            b[4 * n + 1] = writeTo * unit;
            b[4 * n + 2] = readFrom * unit;
            b[4 * n + 3] = readTo * unit;
            n++;
            return this;
        }

        public Access build() {
            long[] v = java.util.Arrays.copyOf(b, 4 * n);
            int count = n;
            return new Access(readsFirst, order, atItsPlaceOnly) {
                @Override
                public int blocks() {
                    return count;
                }

                @Override
                public long writeFrom(int block) {
                    return v[4 * block];
                }

                @Override
                public long writeTo(int block) {
                    return v[4 * block + 1];
                }

                @Override
                public long readFrom(int block) {
                    return v[4 * block + 2];
                }

                @Override
                public long readTo(int block) {
                    return v[4 * block + 3];
                }
            };
        }
    }

    /**
     * Null when the output may start {@code delta} bytes after the input, else the first block (in the
     * order run) that would write input bytes still to be read, described. Each block's write range
     * must lie wholly below or wholly above the span of the input bytes that block (unless it reads
     * first) and the later blocks still read.
     */
    public final String violation(long delta) {
        if (atItsPlaceOnly) {
            // at its own place, or wholly apart
            boolean safe = delta == 0 || delta >= writeTo(0) || delta <= -writeTo(0);
            return safe ? null : "the output " + delta + " bytes from the input, over it, where " + order
                    + " needs it at the input's own offset";
        }
        String[] found = {null};
        walk((i, lo, hi) -> {
            long wf = delta + writeFrom(i);
            long wt = delta + writeTo(i);
            if (wt > wf && wt > lo && wf < hi) {
                found[0] = "block " + i + " of " + blocks() + " (" + order + ") writes input bytes [" + wf + ", "
                        + wt + ") while bytes [" + lo + ", " + hi + ") are still to be read";
            }
        });
        return found[0];
    }

    /**
     * The largest {@code delta} at which every block writes below the input it still reads: every
     * smaller delta is safe too. {@link Long#MAX_VALUE} when no block reads anything still pending.
     */
    public final long below() {
        return bound(true);
    }

    /**
     * The smallest {@code delta} at which every block writes above the input it still reads: every
     * larger delta is safe too. {@link Long#MIN_VALUE} when no block reads anything still pending.
     */
    public final long above() {
        return bound(false);
    }

    private long bound(boolean below) {
        long[] bound = {below ? Long.MAX_VALUE : Long.MIN_VALUE};
        walk((i, lo, hi) -> {
            if (writeTo(i) > writeFrom(i)) {
                bound[0] = below ? Math.min(bound[0], lo - writeTo(i)) : Math.max(bound[0], hi - writeFrom(i));
            }
        });
        return bound[0];
    }

    /** What {@link #walk} shows of each block: the span [lo, hi) of the input still to be read as it writes. */
    private interface Visitor {
        void block(int block, long lo, long hi);
    }

    /**
     * Visits the blocks from the last to the first, each that writes while some input is still to be
     * read (by this block, unless it reads first, or by a later one) with the span of that input.
     */
    private void walk(Visitor visitor) {
        long laterLo = Long.MAX_VALUE;
        long laterHi = Long.MIN_VALUE;
        for (int i = blocks() - 1; i >= 0; i--) {
            boolean reads = readTo(i) > readFrom(i);
            long lo = laterLo;
            long hi = laterHi;
            if (!readsFirst && reads) {
                lo = Math.min(lo, readFrom(i));
                hi = Math.max(hi, readTo(i));
            }
            if (lo < hi) {
                visitor.block(i, lo, hi);
            }
            if (reads) {
                laterLo = Math.min(laterLo, readFrom(i));
                laterHi = Math.max(laterHi, readTo(i));
            }
        }
    }
}
