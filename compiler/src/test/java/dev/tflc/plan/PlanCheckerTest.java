package dev.tflc.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tflc.lower.Access;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCheckerTest {
    private static final Buffer A = new Buffer(1, 64, 0, 2);
    private static final Buffer B = new Buffer(2, 64, 1, 4);
    private static final Buffer C = new Buffer(3, 64, 3, 5);

    private static MemoryPlan plan(long arena, int alignment, Placement... placements) {
        return new MemoryPlan(List.of(placements), arena, 128, alignment);
    }

    private static String rejection(List<Buffer> buffers, MemoryPlan plan) {
        return assertThrows(PlanException.class, () -> PlanChecker.check(buffers, plan)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' does not mention '" + part + "'");
        }
    }

    @Test
    void acceptsBuffersSharingMemoryWhenNeverLiveTogether() {
        // A dies at step 2, C is born at step 3: same bytes; B sits beside both.
        MemoryPlan plan = plan(128, 64, new Placement(1, 0, 64), new Placement(2, 64, 64), new Placement(3, 0, 64));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(A, B, C), plan));
    }

    @Test
    void acceptsBuffersThatTouchEndToStart() {
        MemoryPlan plan = plan(128, 1, new Placement(1, 64, 64), new Placement(2, 0, 64));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(A, B), plan));
    }

    @Test
    void rejectsOverlapOfBuffersLiveTogetherNamingBothAndTheirRanges() {
        MemoryPlan plan = plan(128, 32, new Placement(1, 0, 64), new Placement(2, 32, 64));
        String message = rejection(List.of(A, B), plan);
        assertMentions(message, "1 (64 bytes, steps 0..2) at [0, 64)", "2 (64 bytes, steps 1..4) at [32, 96)", "overlap");
    }

    @Test
    void rejectsOverlapOfBuffersLiveTogetherAtOnlyOneStep() {
        Buffer early = new Buffer(7, 16, 0, 2);
        Buffer late = new Buffer(8, 16, 2, 4);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(7, 0, 16), new Placement(8, 0, 16)), 16, 32, 1);
        assertMentions(rejection(List.of(early, late), plan), "7 (16 bytes, steps 0..2)", "8 (16 bytes, steps 2..4)");
    }

    @Test
    void rejectsOffsetThatIsNotAMultipleOfTheAlignment() {
        MemoryPlan plan = plan(192, 16, new Placement(1, 0, 64), new Placement(2, 72, 64));
        assertMentions(rejection(List.of(A, B), plan), "buffer 2 (64 bytes, steps 1..4) at offset 72", "not aligned to 16");
    }

    @Test
    void rejectsBufferEndingPastTheArena() {
        MemoryPlan plan = plan(96, 32, new Placement(1, 0, 64), new Placement(2, 64, 64));
        assertMentions(rejection(List.of(A, B), plan), "buffer 2 (64 bytes, steps 1..4) at [64, 128)", "past the arena of 96 bytes");
    }

    @Test
    void rejectsBufferWithoutPlacement() {
        MemoryPlan plan = plan(128, 64, new Placement(1, 0, 64), new Placement(3, 0, 64));
        assertMentions(rejection(List.of(A, B, C), plan), "buffer 2 (64 bytes, steps 1..4) has no placement");
    }

    @Test
    void rejectsBufferPlacedTwice() {
        MemoryPlan plan = plan(128, 64, new Placement(1, 0, 64), new Placement(2, 64, 64), new Placement(1, 0, 64));
        assertMentions(rejection(List.of(A, B), plan), "buffer 1 (64 bytes, steps 0..2) is placed twice");
    }

    @Test
    void rejectsPlacementOfABufferNotInTheInput() {
        MemoryPlan plan = plan(128, 64, new Placement(1, 0, 64), new Placement(9, 64, 64));
        assertMentions(rejection(List.of(A), plan), "buffer 9, which is not in the input");
    }

    @Test
    void rejectsPlacementWhoseSizeDiffersFromItsBuffer() {
        MemoryPlan plan = plan(128, 64, new Placement(1, 0, 32));
        assertMentions(rejection(List.of(A), plan), "buffer 1 (64 bytes, steps 0..2) is placed with size 32");
    }

    @Test
    void rejectsArenaThatIsNotAMultipleOfTheAlignment() {
        MemoryPlan plan = plan(100, 64, new Placement(1, 0, 64));
        assertMentions(rejection(List.of(A), plan), "arena of 100 bytes is not a multiple of alignment 64");
    }

    @Test
    void acceptsPersistentBuffersInTheirRegionBelowTheOthers() {
        Buffer state = new Buffer(9, 32, 0, 5, true);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(9, 0, 32), new Placement(1, 32, 64),
                new Placement(3, 32, 64)), 96, 96, 32, 32);
        assertDoesNotThrow(() -> PlanChecker.check(List.of(state, A, C), plan));
    }

    @Test
    void rejectsAPersistentBufferSharingBytesWithABufferItIsNeverLiveWith() {
        // Steps alone would allow it: the state must survive from one run to the next.
        Buffer state = new Buffer(9, 64, 0, 0, true);
        Buffer later = new Buffer(4, 64, 1, 1);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(9, 0, 64), new Placement(4, 0, 64)), 64, 128, 1, 64);
        assertMentions(rejection(List.of(state, later), plan), "4 (64 bytes, steps 1..1) at [0, 64)",
                "starts inside the persistent region [0, 64)");
    }

    @Test
    void rejectsTwoPersistentBuffersThatOverlap() {
        Buffer s1 = new Buffer(9, 64, 0, 0, true);
        Buffer s2 = new Buffer(10, 64, 1, 1, true);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(9, 0, 64), new Placement(10, 32, 64)), 96, 128, 32, 96);
        assertMentions(rejection(List.of(s1, s2), plan), "persistent buffer 9 (64 bytes, persistent) at [0, 64)",
                "10 (64 bytes, persistent) at [32, 96)", "overlap");
    }

    @Test
    void rejectsAPersistentBufferOutsideThePersistentRegion() {
        Buffer state = new Buffer(9, 32, 0, 5, true);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(1, 0, 64), new Placement(9, 64, 32)), 96, 96, 32, 0);
        assertMentions(rejection(List.of(A, state), plan), "9 (32 bytes, persistent) at [64, 96) is persistent but ends"
                + " past the persistent region [0, 0)");
    }

    // ---- in-place pairs: X (steps 0..2) read for the last time at step 2, where Y (steps 2..4) is written

    private static final Buffer X = new Buffer(4, 64, 0, 2);
    private static final Buffer Y = new Buffer(5, 64, 2, 4);
    private static final InPlace X_TO_Y = new InPlace(4, 5, 2, Access.elementwise(64, 1));

    private static MemoryPlan inPlacePlan(long arena, List<InPlace> used, Placement... placements) {
        return new MemoryPlan(List.of(placements), arena, 128, 16, 0, 64, used);
    }

    private static String rejection(List<Buffer> buffers, List<InPlace> declared, MemoryPlan plan) {
        return assertThrows(PlanException.class, () -> PlanChecker.check(buffers, declared, plan)).getMessage();
    }

    @Test
    void acceptsADeclaredInPlacePairThePlanUsesAtOneOffset() {
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(X, Y), List.of(X_TO_Y), plan));
    }

    @Test
    void acceptsAChainOfPairsWhereTheEndsAreNeverLiveTogether() {
        Buffer z = new Buffer(6, 64, 4, 5);
        InPlace yToZ = new InPlace(5, 6, 4, Access.elementwise(64, 1));
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y, yToZ), new Placement(4, 0, 64), new Placement(5, 0, 64),
                new Placement(6, 0, 64));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(X, Y, z), List.of(X_TO_Y, yToZ), plan));
    }

    @Test
    void rejectsTheOverlapOfADeclaredPairThePlanDoesNotClaim() {
        MemoryPlan plan = inPlacePlan(64, List.of(), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertMentions(rejection(List.of(X, Y), List.of(X_TO_Y), plan), "4 (64 bytes, steps 0..2) at [0, 64)",
                "live together and overlap");
    }

    @Test
    void rejectsAPairThePlanClaimsButNoKernelDeclared() {
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertMentions(rejection(List.of(X, Y), List.of(), plan), "uses in-place pair (input 4 -> output 5 at step 2)",
                "not declared");
    }

    @Test
    void rejectsAnInPlaceOutputShiftedFromItsInput() {
        // an element-wise kernel walks forward: 16 bytes above its input, output element i lands on
        // input element i + 16, read later
        MemoryPlan plan = inPlacePlan(80, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 16, 64));
        assertMentions(rejection(List.of(X, Y), List.of(X_TO_Y), plan), "places the output at [16, 80)",
                "the input at [0, 64)", "block 0 of 64 (element by element) writes input bytes [16, 17)",
                "bytes [1, 64) are still to be read");
    }

    @Test
    void acceptsAnElementwiseOutputBelowItsInput() {
        // walking forward, output element i lands on input element i - 16, read already
        MemoryPlan plan = inPlacePlan(80, List.of(X_TO_Y), new Placement(4, 16, 64), new Placement(5, 0, 64));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(X, Y), List.of(X_TO_Y), plan));
    }

    /** A 3x3 window over 4 x 4 pixels of 16 bytes, padding 1, stride 1, walked forward a pixel at a time. */
    private static Access window3x3() {
        Access.Builder b = new Access.Builder(false, "pixels forward");
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int y0 = Math.max(0, y - 1);
                int x0 = Math.max(0, x - 1);
                int y1 = Math.min(3, y + 1);
                int x1 = Math.min(3, x + 1);
                b.block((y * 4 + x) * 16L, (y * 4 + x + 1) * 16L, (y0 * 4 + x0) * 16L, (y1 * 4 + x1 + 1) * 16L);
            }
        }
        return b.build();
    }

    @Test
    void aWindowedPairIsSafeOneRowAndTwoPixelsBelowItsInputAndNoCloser() {
        // output pixel (y, x) is written while its window, from (y - 1, x - 1), is still to be read: the
        // output must start (4 + 2) pixels of 16 bytes below the input
        Buffer in = new Buffer(4, 256, 0, 2);
        Buffer out = new Buffer(5, 256, 2, 4);
        InPlace pair = new InPlace(4, 5, 2, window3x3());
        assertEquals(-96, pair.access().below());
        MemoryPlan safe = new MemoryPlan(List.of(new Placement(4, 96, 256), new Placement(5, 0, 256)), 352, 512, 16, 0,
                352, List.of(pair));
        assertDoesNotThrow(() -> PlanChecker.check(List.of(in, out), List.of(pair), safe));
        MemoryPlan close = new MemoryPlan(List.of(new Placement(4, 80, 256), new Placement(5, 0, 256)), 336, 512, 16,
                0, 336, List.of(pair));
        assertMentions(rejection(List.of(in, out), List.of(pair), close), "block 5 of 16 (pixels forward) writes input"
                + " bytes [0, 16) while bytes [0, 256) are still to be read");
    }

    @Test
    void rejectsAnAccessOrderOutsideItsBuffers() {
        InPlace wide = new InPlace(4, 5, 2, Access.elementwise(128, 1));
        MemoryPlan plan = inPlacePlan(64, List.of(wide), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertMentions(rejection(List.of(X, Y), List.of(wide), plan), "has block 64 outside its buffers");
    }

    @Test
    void rejectsAPairWhoseInputIsReadAfterTheStep() {
        Buffer stillRead = new Buffer(4, 64, 0, 3);
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertMentions(rejection(List.of(stillRead, Y), List.of(X_TO_Y), plan),
                "in-place pair (input 4 -> output 5 at step 2)", "read after its step");
    }

    @Test
    void rejectsAPairWhoseOutputIsLiveBeforeTheStep() {
        Buffer early = new Buffer(5, 64, 1, 4);
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 64));
        assertMentions(rejection(List.of(X, early), List.of(X_TO_Y), plan), "live before its step");
    }

    @Test
    void rejectsAPairWhoseOrderWritesPastItsOutput() {
        Buffer narrower = new Buffer(5, 32, 2, 4);
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 32));
        assertMentions(rejection(List.of(X, narrower), List.of(X_TO_Y), plan), "has block 32 outside its buffers",
                "writes [32, 33) of 32 bytes");
    }

    @Test
    void rejectsAPairWithAPersistentBuffer() {
        Buffer state = new Buffer(4, 64, 0, 2, true);
        MemoryPlan plan = new MemoryPlan(List.of(new Placement(4, 0, 64), new Placement(5, 0, 64)), 64, 128, 16, 64,
                64, List.of(X_TO_Y));
        assertMentions(rejection(List.of(state, Y), List.of(X_TO_Y), plan), "has a persistent buffer");
    }

    @Test
    void rejectsAThirdBufferOverTheInPlacePairAtItsStep() {
        Buffer other = new Buffer(6, 64, 1, 2);
        MemoryPlan plan = inPlacePlan(64, List.of(X_TO_Y), new Placement(4, 0, 64), new Placement(5, 0, 64),
                new Placement(6, 0, 64));
        assertMentions(rejection(List.of(X, Y, other), List.of(X_TO_Y), plan), "6 (64 bytes, steps 1..2)",
                "live together and overlap");
    }
    // ---- tensors inside buffers: re-views, concatenations and splits joined ----------------------

    /** One buffer of 96 bytes, steps 0..4, holding a whole (tensor 10, born at step 3) and its parts. */
    private static final Buffer WHOLE = new Buffer(10, 96, 0, 4);
    private static final MemoryPlan ONE = new MemoryPlan(List.of(new Placement(10, 0, 96)), 96, 96, 1);

    /** Parts 11 (32 bytes, steps 0..3) and 12 (64 bytes, steps 1..3) of whole 10 (steps 3..4). */
    private static List<Region> parts(long secondAt) {
        return List.of(new Region(10, 10, 0, 96, 3, 4), new Region(11, 10, 0, 32, 0, 3),
                new Region(12, 10, secondAt, 64, 1, 3));
    }

    private static final List<Alias> JOIN = List.of(new Alias(10, 11, 0), new Alias(10, 12, 32));

    @Test
    void acceptsPartsOneAfterAnotherInsideTheirWhole() {
        assertDoesNotThrow(() -> PlanChecker.checkRegions(List.of(WHOLE), ONE, parts(32), JOIN));
    }

    @Test
    void rejectsPartsOfOneWholeThatOverlapWhileLive() {
        // both parts at the whole's start, as a join that forgot the offsets would put them
        String message = assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE,
                parts(0), List.of(new Alias(10, 11, 0), new Alias(10, 12, 0)))).getMessage();
        assertMentions(message, "tensor 11 (bytes [0, 32)", "tensor 12 (bytes [0, 64)", "neither holds the other");
    }

    @Test
    void rejectsAPartThatIsNotWhereItsWholeSaysItIs() {
        String message = assertThrows(PlanException.class,
                () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, parts(0), JOIN)).getMessage();
        assertMentions(message, "tensor 12", "declared at byte 32 of tensor 10");
    }

    @Test
    void rejectsATensorOutsideItsBufferOrItsLife() {
        List<Region> past = List.of(new Region(11, 10, 64, 64, 0, 1));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, past,
                List.of())).getMessage(), "lies outside buffer 10");
        List<Region> late = List.of(new Region(11, 10, 0, 32, 0, 5));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, late,
                List.of())).getMessage(), "steps 0..5", "lies outside buffer 10");
    }

    @Test
    void acceptsAReViewOfAWholeBesideItsParts() {
        // tensor 13 re-views the whole from step 4 while part 12 is still read there
        List<Region> regions = List.of(new Region(10, 10, 0, 96, 3, 4), new Region(11, 10, 0, 32, 0, 3),
                new Region(12, 10, 32, 64, 1, 4), new Region(13, 10, 0, 96, 4, 4));
        List<Alias> aliases = List.of(new Alias(10, 11, 0), new Alias(10, 12, 32), new Alias(10, 13, 0));
        assertDoesNotThrow(() -> PlanChecker.checkRegions(List.of(WHOLE), ONE, regions, aliases));
    }

    @Test
    void rejectsTensorsOfOneBufferSharingBytesWithoutADeclaration() {
        List<Region> regions = List.of(new Region(11, 10, 0, 32, 0, 3), new Region(12, 10, 16, 32, 2, 4));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, regions,
                List.of())).getMessage(), "are live together and share bytes");
    }

    // ---- parts in rows: a concatenation along the channels written in place by its producers ------

    /**
     * The whole (tensor 10, 96 bytes: 8 pixels of 12) and parts 11 (4 bytes of each pixel, from byte 0)
     * and 12 (8 bytes of each pixel, from byte {@code secondAt}).
     */
    private static List<Region> rows(long secondAt) {
        return List.of(new Region(10, 10, 0, 96, 3, 4), new Region(11, 10, 0, 32, 0, 3, 4, 12),
                new Region(12, 10, secondAt, 64, 1, 3, 8, 12));
    }

    @Test
    void acceptsPartsInRowsBetweenEachOthersRows() {
        assertDoesNotThrow(() -> PlanChecker.checkRegions(List.of(WHOLE), ONE, rows(4),
                List.of(new Alias(10, 11, 0, 4, 12), new Alias(10, 12, 4, 8, 12))));
    }

    @Test
    void rejectsPartsInRowsWhoseRowsShareBytes() {
        // part 12 from byte 2: its rows cover bytes 2..3 of each of part 11's
        String message = assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE,
                rows(2), List.of(new Alias(10, 11, 0, 4, 12), new Alias(10, 12, 2, 8, 12)))).getMessage();
        assertMentions(message, "tensor 11 (bytes [0, 88) in rows of 4 every 12", "tensor 12 (bytes [2, 94) in rows "
                + "of 8 every 12", "neither holds the other");
    }

    @Test
    void rejectsPartsInRowsThatShareBytesAcrossARowsEnd() {
        // rows of 4 from byte 10 take bytes 10, 11 of one pixel and 0, 1 of the next: part 11's
        List<Region> regions = List.of(new Region(10, 10, 0, 96, 3, 4), new Region(11, 10, 0, 28, 0, 3, 4, 12),
                new Region(12, 10, 10, 28, 1, 3, 4, 12));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, regions,
                List.of(new Alias(10, 11, 0, 4, 12), new Alias(10, 12, 10, 4, 12)))).getMessage(),
                "neither holds the other");
    }

    @Test
    void rejectsAPartNotInTheRowsItsWholeSays() {
        // placed as one run where the concatenation puts it in rows, or in rows of another stride
        List<Region> oneRun = List.of(new Region(10, 10, 0, 96, 3, 4), new Region(11, 10, 0, 32, 0, 3));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, oneRun,
                List.of(new Alias(10, 11, 0, 4, 12)))).getMessage(), "tensor 11", "in rows of 4 every 12",
                "does not lie there");
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, rows(4),
                List.of(new Alias(10, 11, 0, 4, 12), new Alias(10, 12, 4, 8, 11)))).getMessage(), "tensor 12",
                "does not lie there");
    }

    @Test
    void rejectsRowsThatRunPastTheirBuffer() {
        // 8 rows of 8 every 12 from byte 8 end at byte 100 of a 96-byte buffer
        List<Region> past = List.of(new Region(12, 10, 8, 64, 1, 3, 8, 12));
        assertMentions(assertThrows(PlanException.class, () -> PlanChecker.checkRegions(List.of(WHOLE), ONE, past,
                List.of())).getMessage(), "bytes [8, 100)", "lies outside buffer 10");
    }

    @Test
    void refusesRowsThatDoNotMakeTheRegion() {
        assertThrows(IllegalArgumentException.class, () -> new Region(11, 10, 0, 30, 0, 3, 4, 12));
        assertThrows(IllegalArgumentException.class, () -> new Region(11, 10, 0, 32, 0, 3, 4, 3));
    }
}
