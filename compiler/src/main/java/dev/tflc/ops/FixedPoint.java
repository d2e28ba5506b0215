package dev.tflc.ops;

/**
 * Integer arithmetic of TensorFlow Lite Micro's reference kernels: multiplier/shift derivation from
 * real scales, the doubling high multiply, rounding shifts, and the gemmlowp fixed-point functions
 * softmax uses. runtime-c/tflc_fixed_point.h holds the same arithmetic in C; tests hold them equal.
 */
public final class FixedPoint {
    private FixedPoint() {
    }

    /** A real multiplier as {@code multiplier * 2^(shift - 31)}, multiplier in [2^30, 2^31) or 0. */
    public record Multiplier(int multiplier, int shift) {
        public static final Multiplier ZERO = new Multiplier(0, 0);
    }

    /** TFLite's QuantizeMultiplier: frexp, round to 31 bits, flush tiny multipliers to zero. */
    public static Multiplier quantizeMultiplier(double real) {
        if (real == 0.0) {
            return Multiplier.ZERO;
        }
        if (!Double.isFinite(real)) {
            throw new ArithmeticException("multiplier " + real + " is not finite");
        }
        int exp = Math.getExponent(real) + 1; // frexp: real = q * 2^exp with |q| in [0.5, 1)
        double q = real / Math.scalb(1.0, exp);
        if (Math.abs(q) < 0.5) { // subnormal input
            double scaled = real * Math.scalb(1.0, 64);
            exp = Math.getExponent(scaled) + 1;
            q = scaled / Math.scalb(1.0, exp);
            exp -= 64;
        }
        long qFixed = roundHalfAwayFromZero(q * (1L << 31));
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            exp++;
        }
        if (exp < -31) {
            exp = 0;
            qFixed = 0;
        }
        return new Multiplier((int) qFixed, exp);
    }

    /** std::round: halves away from zero. */
    public static long roundHalfAwayFromZero(double x) {
        double a = Math.floor(Math.abs(x) + 0.5);
        if (a - 0.5 > Math.abs(x)) {
            a -= 1; // floor(|x|+0.5) rounded up through the addition
        }
        return (long) Math.copySign(a, x);
    }

    /** std::round on a float, computed exactly. */
    public static float roundHalfAwayFromZero(float x) {
        double ax = Math.abs((double) x);
        double f = Math.floor(ax);
        double r = ax - f >= 0.5 ? f + 1 : f;
        return (float) Math.copySign(r, x);
    }

    /**
     * TFLite's CheckedLog2, in float as it computes it: log2(x) rounded to the nearest integer, or null
     * where x is more than 0.001 (in log2) from that power of two.
     */
    public static Integer checkedLog2(float x) {
        float log2 = (float) Math.log(x) * (1.0f / (float) Math.log(2.0f));
        float rounded = roundHalfAwayFromZero(log2);
        return Math.abs(log2 - rounded) < 1e-3f ? (int) rounded : null;
    }

    /** The exponent TFLite's CheckedLog2 gives whether or not x is a power of two: log2(x) in float, rounded. */
    public static int log2Rounded(float x) {
        return (int) roundHalfAwayFromZero((float) Math.log(x) * (1.0f / (float) Math.log(2.0f)));
    }

    /** gemmlowp SaturatingRoundingDoublingHighMul. */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1 - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** gemmlowp RoundingDivideByPOT: divide by 2^exponent, halves away from zero. */
    public static int roundingDivideByPOT(int x, int exponent) {
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /** TFLite's double-rounding MultiplyByQuantizedMultiplier. */
    public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
    }

    public static int multiplyByQuantizedMultiplier(int x, Multiplier m) {
        return multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift());
    }

    /**
     * TFLite's MultiplyByQuantizedMultiplier for an int64 accumulator (the 16x8 kernels): the
     * multiplier reduced to 15 bits with rounding, one rounding shift by {@code 15 - shift}, and the
     * result truncated to int32. Defined for shift in [-31, 14]; TFLite's contract is [-31, 7] with
     * |x| < 2^47, where nothing wraps.
     */
    public static int multiplyByQuantizedMultiplier64(long x, int multiplier, int shift) {
        if (shift < -31 || shift > 14) {
            throw new ArithmeticException("shift " + shift + " is outside the int64 multiplier's range");
        }
        int reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
        int totalShift = 15 - shift;
        long result = x * reduced + (1L << (totalShift - 1));
        return (int) (result >> totalShift);
    }

    /** MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0). */
    public static int multiplyByQuantizedMultiplierSmallerThanOne(int x, int multiplier, int shift) {
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -shift);
    }

    /** MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0). */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int shift) {
        return saturatingRoundingDoublingHighMul(x * (1 << shift), multiplier);
    }

    /** gemmlowp SaturatingRoundingMultiplyByPOT for int32. */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return roundingDivideByPOT(x, -exponent);
        }
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << exponent;
    }

    /**
     * TFLite's GetInvSqrtQuantizedMultiplierExp with reverse shift -1: 1 / sqrt(input) as a multiplier
     * and left shift, by five Newton-Raphson steps in Q3.28 (int8 RSQRT, L2_NORMALIZATION).
     */
    public static Multiplier inverseSqrt(int input) {
        if (input <= 1) {
            return new Multiplier(Integer.MAX_VALUE, 0);
        }
        int shift = 11;
        while (input >= (1 << 29)) {
            input /= 4;
            shift++;
        }
        int pairs = (Integer.numberOfLeadingZeros(input) - 1) / 2 - 1;
        shift -= pairs;
        input <<= 2 * pairs;
        int halfInput = saturatingRoundingMultiplyByPOT(input >> 1, -1);
        int halfThree = (1 << 28) + (1 << 27);
        int x = 1 << 28; // 1.0 in Q3.28
        for (int i = 0; i < 5; i++) {
            // x * x * x: Q6 then Q9, rescaled to Q3
            int x3 = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(
                    saturatingRoundingDoublingHighMul(x, x), x), 6);
            int difference = saturatingRoundingDoublingHighMul(halfThree, x)
                    - saturatingRoundingDoublingHighMul(halfInput, x3);
            x = saturatingRoundingMultiplyByPOT(difference, 3);
        }
        int result = saturatingRoundingDoublingHighMul(x, 1518500250); // times sqrt(2) / 2 in Q0.31
        if (shift < 0) {
            result <<= -shift;
            shift = 0;
        }
        return new Multiplier(result, -shift);
    }

    /** gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl, Q0.31 in and out. */
    static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668; // exp(-1/8)
        final int constantOneOver3 = 715827883; // 1/3
        int x = a + (1 << 28); // a + 1/8
        int x2 = saturatingRoundingDoublingHighMul(x, x);
        int x3 = saturatingRoundingDoublingHighMul(x2, x);
        int x4 = saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int poly = saturatingRoundingMultiplyByPOT(
                saturatingRoundingDoublingHighMul(x4Over4 + x3, constantOneOver3) + x2, -1);
        return constantTerm + saturatingRoundingDoublingHighMul(constantTerm, x + poly);
    }

    /**
     * gemmlowp exp_on_negative_values for an input with {@code integerBits} integer bits (Q5.26 in
     * softmax), result in Q0.31.
     */
    public static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
                saturatingRoundingMultiplyByPOT(aModQuarterMinusOneQuarter, integerBits));
        int remainder = aModQuarterMinusOneQuarter - a;
        int[] multipliers = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
        for (int exponent = -2; exponent <= 4; exponent++) {
            if (integerBits > exponent) {
                int shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0) {
                    result = saturatingRoundingDoublingHighMul(result, multipliers[exponent + 2]);
                }
            }
        }
        if (integerBits > 5) {
            int clamp = -(1 << (36 - integerBits));
            if (a < clamp) {
                result = 0;
            }
        }
        return a == 0 ? Integer.MAX_VALUE : result;
    }

    /** gemmlowp one_over_one_plus_x_for_x_in_0_1, Q0.31 in and out. */
    static int oneOverOnePlusXForXIn01(int a) {
        return saturatingRoundingMultiplyByPOT(twoOverOnePlusX(a), 1);
    }

    /** gemmlowp one_minus_x_over_one_plus_x_for_x_in_0_1 (tanh's): (1 - a) / (1 + a), Q0.31 in and out. */
    static int oneMinusXOverOnePlusXForXIn01(int a) {
        return saturatingRoundingMultiplyByPOT(twoOverOnePlusX(a) - (1 << 29), 2);
    }

    /**
     * The Newton-Raphson division both functions above share: 2 / (1 + a) for a in Q0.31 (a in
     * [0, 1)), in Q2.29.
     */
    private static int twoOverOnePlusX(int a) {
        long sum = (long) a + Integer.MAX_VALUE;
        int halfDenominator = (int) ((sum + (sum >= 0 ? 1 : -1)) / 2);
        final int constant48Over17 = 1515870810;
        final int constantNeg32Over17 = -1010580540;
        final int oneQ2 = 1 << 29;
        int x = constant48Over17 + saturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x);
            int oneMinus = oneQ2 - halfDenominatorTimesX;
            x = x + saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(x, oneMinus), 2);
        }
        return x;
    }

    /**
     * gemmlowp logistic: 1 / (1 + exp(-a)) for {@code a} with {@code integerBits} integer bits (TFLM's
     * int8 LOGISTIC: 4), result in Q0.31.
     */
    public static int logistic(int a, int integerBits) {
        if (a == 0) {
            return 1 << 30; // one half
        }
        int positive = oneOverOnePlusXForXIn01(expOnNegativeValues(a > 0 ? -a : a, integerBits));
        return a > 0 ? positive : Integer.MAX_VALUE - positive;
    }

    /**
     * gemmlowp tanh for {@code a} with {@code integerBits} integer bits (TFLM's int8 TANH: 4), result
     * in Q0.31: (1 - exp(-2|a|)) / (1 + exp(-2|a|)), with the sign of a.
     */
    public static int tanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        // neg_tanh_on_negative_values(-|a|): exp(-2|a|) read with one more integer bit, exactly.
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(a < 0 ? a : -a, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /** TFLite's GetReciprocal: 1/x for x with {@code integerDigits} integer bits; returns {reciprocal, bitsOverUnit}. */
    public static int[] reciprocal(int x, int integerDigits) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        int bitsOverUnit = integerDigits - headroomPlusOne;
        int shiftedSumMinusOne = (int) (((x & 0xffffffffL) << headroomPlusOne) - (1L << 31));
        return new int[] {oneOverOnePlusXForXIn01(shiftedSumMinusOne), bitsOverUnit};
    }

    /**
     * TFLite's log_x_for_x_greater_than_or_equal_to_1 (common.h): log(x) for x >= 1 with
     * {@code inputIntegerBits} integer bits, result with {@code outputIntegerBits} (LOG_SOFTMAX: Q12 in,
     * Q5 out), through a rational approximation around powers of sqrt(2), accumulated with one more
     * integer bit.
     */
    public static int logXForXGreaterThanOrEqualTo1(int x, int inputIntegerBits, int outputIntegerBits) {
        final int log2 = 1488522236;
        final int sqrtSqrtHalf = 1805811301;
        final int sqrtHalf = 1518500250;
        final int oneQuarter = 536870912;
        final int alphaN = 117049297;
        final int alphaD = 127690142;
        final int alphaI = 1057819769;
        final int alphaF = 638450708;
        int accumBits = outputIntegerBits + 1;
        int shiftedQuarter = saturatingRoundingMultiplyByPOT(oneQuarter, -accumBits);
        int zAHeadroomPlus1 = Integer.numberOfLeadingZeros(x);
        int rATmp = saturatingRoundingMultiplyByPOT(x, zAHeadroomPlus1 - 1);
        int rA = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(rATmp, sqrtHalf), 1);
        int zAPow2Adj = saturatingAdd(saturatingRoundingMultiplyByPOT(inputIntegerBits - zAHeadroomPlus1,
                31 - accumBits), shiftedQuarter);
        int zB = saturatingRoundingDoublingHighMul(x, sqrtHalf);
        int zBHeadroom = Integer.numberOfLeadingZeros(zB) - 1;
        int rB = saturatingRoundingMultiplyByPOT(x, zBHeadroom);
        int zBPow2Adj = saturatingSubtract(saturatingRoundingMultiplyByPOT(inputIntegerBits - zBHeadroom,
                31 - accumBits), shiftedQuarter);
        int r = Math.min(rA, rB);
        int zPow2Adj = Math.max(zAPow2Adj, zBPow2Adj);
        long halfSum = (long) r + sqrtSqrtHalf;
        int p = (int) ((halfSum + (halfSum >= 0 ? 1 : -1)) / 2); // gemmlowp RoundingHalfSum
        int q = r - sqrtSqrtHalf;
        q = q + q;
        int commonSq = saturatingRoundingDoublingHighMul(q, q);
        int num = saturatingRoundingDoublingHighMul(q, r)
                + saturatingRoundingDoublingHighMul(saturatingRoundingDoublingHighMul(q, commonSq), alphaN);
        int denomMinusOne = saturatingRoundingDoublingHighMul(p,
                alphaI + q + saturatingRoundingDoublingHighMul(alphaD, commonSq))
                + saturatingRoundingDoublingHighMul(alphaF, q);
        int recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);
        int numScaled = saturatingRoundingMultiplyByPOT(num, -accumBits);
        int sum = saturatingRoundingDoublingHighMul(zPow2Adj, log2)
                + saturatingRoundingDoublingHighMul(numScaled, recipDenom);
        return saturatingRoundingMultiplyByPOT(sum, accumBits - outputIntegerBits);
    }

    /** TFLite's SaturatingAddNonGemmlowp on int32. */
    static int saturatingAdd(int a, int b) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) a + b));
    }

    /** TFLite's SaturatingSub on int32. */
    static int saturatingSubtract(int a, int b) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) a - b));
    }
}
