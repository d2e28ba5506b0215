package dev.tflc.plan;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Random buffer sets for property tests: plain random intervals, and lifetimes shaped like a network's. */
final class Lifetimes {
    private Lifetimes() {
    }

    /**
     * Buffer sizes of one kind per case: spread over orders of magnitude, all alike (50 to 100 bytes),
     * all tiny (1 to 8), or a mix of small and large.
     */
    static Arbitrary<Arbitrary<Long>> sizeProfiles() {
        Arbitrary<Long> spread = uniform(0, 16).flatMap(bits -> uniformLongs(1, 1L << bits));
        Arbitrary<Long> alike = uniformLongs(50, 100);
        Arbitrary<Long> tiny = uniformLongs(1, 8);
        Arbitrary<Long> twoKinds = Arbitraries.oneOf(uniformLongs(1, 4), uniformLongs(16, 32));
        return Arbitraries.of(List.of(spread, alike, tiny, twoKinds));
    }

    /** Up to {@code maxCount} buffers, each born at a random step below {@code steps}, living up to a third of them. */
    static Arbitrary<List<Buffer>> randomIntervals(int minCount, int maxCount, int steps) {
        return sizeProfiles().flatMap(sizes -> Combinators.combine(
                        sizes,
                        uniform(0, steps - 1),
                        uniform(0, Math.max(1, steps / 3)))
                .as((size, first, length) -> new long[] {size, first, first + length})
                .list().ofMinSize(minCount).ofMaxSize(maxCount).withSizeDistribution(RandomDistribution.uniform()))
                .map(Lifetimes::numbered);
    }

    /** One operator of a generated network: its output's size, how far ahead its last reader is, its scratch. */
    record Op(long outputBytes, int reach, long scratchBytes) {
    }

    /**
     * Activations of a network of up to {@code maxOps} operators run one per step: the model input is
     * read by operator 0, each operator's output lives from its step to its last reader's (mostly the
     * next operator; sometimes a few ahead, as branches that join later or skip connections; rarely
     * far ahead), and some operators have a scratch buffer for their own step alone.
     */
    static Arbitrary<List<Buffer>> graphLike(int maxOps) {
        Arbitrary<Integer> reach = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(1)),
                Tuple.of(6, uniform(2, 4)),
                Tuple.of(4, uniform(5, 20)));
        return sizeProfiles().flatMap(sizes -> Combinators.combine(
                        sizes,
                        reach,
                        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0L)), Tuple.of(1, sizes)))
                .as(Op::new)
                .list().ofMinSize(1).ofMaxSize(maxOps).withSizeDistribution(RandomDistribution.uniform())
                .flatMap(ops -> sizes.map(inputBytes -> network(inputBytes, ops))));
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<Long> uniformLongs(long min, long max) {
        return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    /** The buffers of a network whose operators are {@code ops}, reading an input of {@code inputBytes}. */
    static List<Buffer> network(long inputBytes, List<Op> ops) {
        int last = ops.size() - 1;
        List<Buffer> buffers = new ArrayList<>();
        buffers.add(new Buffer(0, inputBytes, 0, 0));
        for (int step = 0; step <= last; step++) {
            Op op = ops.get(step);
            buffers.add(new Buffer(buffers.size(), op.outputBytes(), step, Math.min(last, step + op.reach())));
            if (op.scratchBytes() > 0) {
                buffers.add(new Buffer(buffers.size(), op.scratchBytes(), step, step));
            }
        }
        return buffers;
    }

    /** {size, firstUse, lastUse} triples as buffers numbered from 0. */
    private static List<Buffer> numbered(List<long[]> triples) {
        List<Buffer> buffers = new ArrayList<>(triples.size());
        for (long[] t : triples) {
            buffers.add(new Buffer(buffers.size(), t[0], (int) t[1], (int) t[2]));
        }
        return buffers;
    }

    /** The largest buffer's size rounded up to {@code alignment}; 0 for none. */
    static long largestAligned(List<Buffer> buffers, int alignment) {
        return buffers.stream().mapToLong(b -> Alignment.up(b.size(), alignment)).max().orElse(0);
    }
}
