package dev.tflc.lower.cmsisnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tflc.lower.cmsisnn.CmsisNnScratch.ConvRoute;
import dev.tflc.lower.cmsisnn.CmsisNnScratch.DepthwiseRoute;
import dev.tflc.ops.Window;
import org.junit.jupiter.api.Test;

/**
 * The variant and scratch bytes for each kind of layer and extension, worked out by hand from
 * CMSIS-NN's wrappers and {@code *_get_buffer_size} functions at the pinned commit.
 */
class CmsisNnScratchTest {
    static final CmsisNnScratch NONE = new CmsisNnScratch(false, false, false);
    static final CmsisNnScratch DSP = new CmsisNnScratch(true, false, false);
    static final CmsisNnScratch DSP_AC6 = new CmsisNnScratch(true, false, true);
    static final CmsisNnScratch MVE = new CmsisNnScratch(true, true, false);

    /** batches, inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW, padH, padW, outH, outW. */
    static Window w(int inH, int inW, int k, int stride, int pad, int outH, int outW) {
        return new Window(1, inH, inW, k, k, stride, stride, 1, 1, pad, pad, outH, outW);
    }

    @Test
    void pointwiseConvolutionTakesTheOneByOnePaths() {
        Window s1 = w(8, 8, 1, 1, 0, 8, 8);
        Window s2 = w(8, 8, 1, 2, 0, 4, 4);
        for (CmsisNnScratch s : new CmsisNnScratch[] {NONE, DSP, MVE}) {
            assertEquals(ConvRoute.ONE_BY_ONE_FAST, s.convRoute(s1, 16, 16));
            assertEquals(0, s.convBytes(ConvRoute.ONE_BY_ONE_FAST, s1, 16));
            assertEquals(ConvRoute.ONE_BY_ONE, s.convRoute(s2, 16, 16));
            assertEquals(0, s.convBytes(ConvRoute.ONE_BY_ONE, s2, 16));
        }
        // Arm Compiler 6 builds of the DSP kernel use 2 int16 per input channel.
        assertEquals(64, DSP_AC6.convBytes(ConvRoute.ONE_BY_ONE_FAST, s1, 16));
    }

    @Test
    void genericConvolutionScratchIsTheIm2colRowPerExtension() {
        Window k3 = w(10, 10, 3, 1, 1, 10, 10);
        assertEquals(ConvRoute.GENERIC, NONE.convRoute(k3, 3, 3));
        // 3*3*3 = 27 taps: 2 rows of ALIGN4(27) = 28 int16 -> 112 bytes without MVE; MVE: 4*16*ceil(27/16) = 128.
        assertEquals(112, NONE.convBytes(ConvRoute.GENERIC, k3, 3));
        assertEquals(112, DSP.convBytes(ConvRoute.GENERIC, k3, 3));
        assertEquals(128, MVE.convBytes(ConvRoute.GENERIC, k3, 3));
        // Grouped: the size counts the input channels, not the filter's.
        assertEquals(ConvRoute.GENERIC, DSP.convRoute(w(8, 8, 1, 1, 0, 8, 8), 16, 8));
    }

    @Test
    void oneByNConvolutionAndMvesFaultyCase() {
        // 1x10 input, 1x3 filter, stride 1, SAME (pad 1): total pad = 9 + 3 - 10 = 2.
        Window same = new Window(1, 1, 10, 1, 3, 1, 1, 1, 1, 0, 1, 1, 10);
        assertEquals(ConvRoute.ONE_BY_N, DSP.convRoute(same, 4, 4));
        assertEquals(2 * 12 * 2, DSP.convBytes(ConvRoute.ONE_BY_N, same, 4)); // 2 rows of ALIGN4(3*4) int16
        assertEquals(ConvRoute.ONE_BY_N, MVE.convRoute(same, 4, 4));
        // MVE: right = left = 1 window; max(KW*IC + pad*IC, KW*IC - IC + pad*IC) = max(16, 12).
        assertEquals(16, MVE.convBytes(ConvRoute.ONE_BY_N, same, 4));
        // VALID, stride 2 over 10 columns with a 3-wide filter: out 4, total pad 6+3-10 = -1.
        Window valid = new Window(1, 1, 10, 1, 3, 1, 2, 1, 1, 0, 0, 1, 4);
        assertEquals(ConvRoute.ONE_BY_N, DSP.convRoute(valid, 4, 4));
        assertEquals(ConvRoute.GENERIC, MVE.convRoute(valid, 4, 4), "MVE's 1xN kernel computes this wrongly");
        assertEquals(64, MVE.convBytes(ConvRoute.GENERIC, valid, 4)); // 4*16*ceil(12/16)
    }

    @Test
    void depthwiseRoutesAndScratch() {
        Window k3 = w(10, 10, 3, 1, 1, 10, 10);
        assertEquals(DepthwiseRoute.THREE_BY_THREE, NONE.depthwiseRoute(k3, 8, 1, 8));
        assertEquals(DepthwiseRoute.THREE_BY_THREE, DSP.depthwiseRoute(k3, 8, 1, 8));
        assertEquals(DepthwiseRoute.OPT, MVE.depthwiseRoute(k3, 8, 1, 8));
        assertEquals(4 * 124 * 9, MVE.depthwiseBytes(DepthwiseRoute.OPT, k3, 8, 8));
        Window k5 = w(10, 10, 5, 1, 2, 10, 10);
        assertEquals(DepthwiseRoute.OPT, DSP.depthwiseRoute(k5, 8, 1, 8));
        assertEquals(2 * 8 * 25, DSP.depthwiseBytes(DepthwiseRoute.OPT, k5, 8, 8));
        assertEquals(0, NONE.depthwiseBytes(DepthwiseRoute.OPT, k5, 8, 8));
        assertEquals(DepthwiseRoute.GENERIC, DSP.depthwiseRoute(k3, 4, 2, 8), "channel multiplier 2");
        assertEquals(0, DSP.depthwiseBytes(DepthwiseRoute.GENERIC, k3, 4, 8));
        // MVE, one input channel, 8 outputs: run as a convolution; its scratch plus the transposed filter.
        assertEquals(DepthwiseRoute.AS_CONV, MVE.depthwiseRoute(k3, 1, 8, 8));
        assertEquals(64 + 8 * 9, MVE.depthwiseBytes(DepthwiseRoute.AS_CONV, k3, 1, 8));
        // ... unless that convolution would be MVE's faulty 1xN case (stride 4 over 10 columns).
        Window row = new Window(1, 1, 10, 1, 3, 1, 4, 1, 1, 0, 0, 1, 2);
        assertNull(MVE.depthwiseRoute(row, 1, 8, 8));
    }

    @Test
    void averagePoolingScratchOnlyOnDspWithoutMve() {
        assertEquals(0, NONE.avgPoolBytes(64));
        assertEquals(256, DSP.avgPoolBytes(64));
        assertEquals(0, MVE.avgPoolBytes(64));
    }
}
