package dev.tflc.lower.cmsisnn;

import dev.tflc.target.Target;
import dev.tflc.ops.Window;

/**
 * The variant CMSIS-NN's wrappers pick and the scratch bytes it needs, computed the way CMSIS-NN's
 * {@code *_get_buffer_size} functions compute them in a library built for the target: with the DSP
 * extension ({@code ARM_MATH_DSP}: Cortex-M4/M7/M33), with MVE ({@code ARM_MATH_MVEI}: Cortex-M55),
 * or with neither (Cortex-M0+/M3, the host). The library's own host-side size functions are not used:
 * they answer for the build they are compiled in.
 *
 * <p>Two sizes depend on the compiler that built the user's CMSIS-NN: with Arm Compiler 6 a 1x1
 * stride-1 convolution on a DSP core needs {@code 4 * input channels} bytes (0 with gcc or clang),
 * and on MVE a depthwise convolution of one input channel is run as a convolution from 8 output
 * channels up (from 2 with gcc or clang). The target descriptor's {@code cmsis-nn.compiler} says
 * which ({@code gcc}, the default, or {@code armclang}).
 */
record CmsisNnScratch(boolean dsp, boolean mve, boolean armCompiler6) {
    /** CMSIS-NN's MVE depthwise kernels process channels in blocks of this many. */
    static final int CH_IN_BLOCK_MVE = 124;

    static CmsisNnScratch of(Target t) {
        boolean mve = !t.mve().equals("none");
        return new CmsisNnScratch(t.dsp() || mve, mve, t.cmsisNnCompiler().equals("armclang"));
    }

    enum ConvRoute { ONE_BY_ONE_FAST, ONE_BY_ONE, ONE_BY_N, GENERIC }

    enum DepthwiseRoute { AS_CONV, THREE_BY_THREE, OPT, GENERIC }

    /** {@code arm_convolve_wrapper_s8}'s choice, except MVE's faulty 1xN cases, which go to the generic kernel. */
    ConvRoute convRoute(Window w, int inC, int filterC) {
        if (w.padH() == 0 && w.padW() == 0 && w.filterH() == 1 && w.filterW() == 1 && w.dilationH() == 1
                && w.dilationW() == 1 && inC == filterC) {
            return w.strideW() == 1 && w.strideH() == 1 ? ConvRoute.ONE_BY_ONE_FAST : ConvRoute.ONE_BY_ONE;
        }
        if (isOneByN(w, inC, filterC)) {
            return mve && totalPadW(w) < 0 ? ConvRoute.GENERIC : ConvRoute.ONE_BY_N;
        }
        return ConvRoute.GENERIC;
    }

    private static boolean isOneByN(Window w, int inC, int filterC) {
        return w.inH() == 1 && w.dilationW() == 1 && w.filterH() == 1 && (w.strideW() * inC) % 4 == 0 && inC == filterC;
    }

    /** Columns of padding the output width implies in all: negative when the stride leaves input unused. */
    private static int totalPadW(Window w) {
        return (w.outW() - 1) * w.strideW() + w.filterW() - w.inW();
    }

    long convBytes(ConvRoute route, Window w, int inC) {
        return switch (route) {
            case ONE_BY_ONE_FAST -> dsp && !mve && armCompiler6 ? 4L * inC : 0;
            case ONE_BY_ONE -> 0;
            case ONE_BY_N -> mve ? oneByNMve(w, inC) : genericConv(w.filterW(), 1, inC);
            case GENERIC -> genericConv(w.filterW(), w.filterH(), inC);
        };
    }

    /** {@code arm_convolve_s8_get_buffer_size}. */
    private long genericConv(int kw, int kh, int inC) {
        long k = (long) kw * kh * inC;
        return mve ? 4L * ((k + 15) / 16) * 16 : 4L * align4(k);
    }

    /** {@code arm_convolve_1_x_n_s8_get_buffer_size_mve} (C integer division and remainder). */
    private long oneByNMve(Window w, int inC) {
        int totalPad = totalPadW(w);
        int asym = totalPad % 2;
        int padW = w.padW();
        int strideW = w.strideW();
        int rightN = padW + asym != 0 ? Math.max(1, (padW + asym + strideW - 1) / strideW) : 0;
        int leftN = padW != 0 ? Math.max(1, (padW + strideW - 1) / strideW) : 0;
        int noPadN = Math.max(w.outW() - (rightN + leftN), 0);
        if (rightN + noPadN + leftN != w.outW()) {
            return genericConv(w.filterW(), 1, inC);
        }
        long padLeft = (long) padW * inC;
        long padRight = asym != 0 ? (long) rightN * inC : padLeft;
        long kwc = (long) w.filterW() * inC;
        return Math.max(kwc + padLeft, kwc - inC + padRight);
    }

    /**
     * {@code arm_depthwise_conv_wrapper_s8}'s choice, or null when on MVE it would become a 1xN
     * convolution of the faulty kind.
     */
    DepthwiseRoute depthwiseRoute(Window w, int inC, int multiplier, int outC) {
        if (mve && inC == 1 && outC > (armCompiler6 ? 8 : 1)) {
            // The library's conv wrapper then picks the route; its faulty MVE 1xN case cannot be avoided.
            return isOneByN(w, 1, 1) && totalPadW(w) < 0 ? null : DepthwiseRoute.AS_CONV;
        }
        if (multiplier == 1 && w.batches() == 1 && w.dilationW() == 1 && w.dilationH() == 1) {
            if (!mve && w.filterW() == 3 && w.filterH() == 3 && w.padH() <= 1 && w.padW() <= 1) {
                return DepthwiseRoute.THREE_BY_THREE;
            }
            return DepthwiseRoute.OPT;
        }
        return DepthwiseRoute.GENERIC;
    }

    long depthwiseBytes(DepthwiseRoute route, Window w, int inC, int outC) {
        long taps = (long) w.filterH() * w.filterW();
        return switch (route) {
            // The conv wrapper's own scratch, then the filter transposed to OHWI.
            case AS_CONV -> convBytes(convRoute(w, 1, 1), w, 1) + outC * taps;
            case THREE_BY_THREE, GENERIC -> 0;
            case OPT -> mve ? 4L * CH_IN_BLOCK_MVE * taps : dsp ? 2L * inC * taps : 0;
        };
    }

    /** {@code arm_avgpool_s8_get_buffer_size}. */
    long avgPoolBytes(int channels) {
        return dsp && !mve ? 4L * channels : 0;
    }

    private static long align4(long x) {
        return (x + 3) / 4 * 4;
    }

    /** True when every value fits the 16-bit locals of CMSIS-NN's generic kernels. */
    static boolean fitsUint16(int... values) {
        for (int v : values) {
            if (v < 0 || v >= 65536) {
                return false;
            }
        }
        return true;
    }
}
