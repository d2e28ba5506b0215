package dev.tflc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The goals against TFLM: ratios to TFLM's counterpart, rounded down so that number and mark agree. */
class TflmGoalTest {
    /** TFLM with CMSIS-NN executes 582,942 instructions (Fixtures.TFLM_CMSIS). */
    private static Measurement executing(long instructions) {
        return Fixtures.cmsisNn("-O2", instructions, Fixtures.tflm());
    }

    @Test
    void aRatioJustBelowTheGoalIsRoundedDownAndMet() {
        TflmGoal g = MeasurementColumns.FEWER_INSTRUCTIONS;
        Measurement r = executing(582_900);
        assertEquals(582_900 / 582_942.0, g.ratio(r));
        assertEquals("0.999 ✓", g.cell(r));
        assertEquals(0.9999, g.jsonRatio(r));
        assertTrue(g.met(r));
    }

    @Test
    void anEqualFigureIsNotBetter() {
        Measurement r = executing(582_942);
        assertEquals("1.000 ✗", MeasurementColumns.FEWER_INSTRUCTIONS.cell(r));
        assertFalse(MeasurementColumns.FEWER_INSTRUCTIONS.met(r));
    }

    @Test
    void theFlashGoalIsHalfOfTflmsFlashExclModel() {
        TflmGoal g = MeasurementColumns.HALF_THE_FLASH;
        assertEquals("flash excl. model data ÷ TFLM (< 0.5)", g.header());
        Measurement r = executing(1);
        assertEquals(11_968 / 34_920.0, g.ratio(r));
        assertEquals("0.342 ✓", g.cell(r));
        // The fixture's flash excl. model data is 12,000 - 32 = 11,968 bytes: exactly half of 23,936.
        TflmRun twiceThat = new TflmRun(null, null, null, 23_936L, null, null, null, null);
        Measurement exactlyHalf = Fixtures.cmsisNn("-O2", 1, new TflmComparison("n", null, twiceThat));
        assertEquals("0.500 ✗", g.cell(exactlyHalf));
        assertFalse(g.met(exactlyHalf));
    }

    @Test
    void withoutTflmsFigureThereIsNoRatio() {
        TflmRun noArena = new TflmRun(null, null, null, null, null, 1L, null, null);
        Measurement r = Fixtures.cmsisNn("-O2", 1, new TflmComparison("n", null, noArena));
        assertNull(MeasurementColumns.SMALLER_ARENA.ratio(r));
        assertNull(MeasurementColumns.SMALLER_ARENA.met(r));
        assertEquals("", MeasurementColumns.SMALLER_ARENA.cell(r));
        assertNull(MeasurementColumns.SMALLER_ARENA.jsonRatio(Fixtures.cmsisNn("-Os", 1, Fixtures.tflm())));
    }
}
