package dev.tflc.ir;

import java.util.Arrays;

/**
 * Affine quantization: {@code real = scale * (q - zeroPoint)}. One scale and zero point for the whole
 * tensor, or one per slice along {@code axis} (per-channel).
 */
public final class Quantization {
    private final float[] scales;
    private final long[] zeroPoints;
    private final int axis;

    private Quantization(float[] scales, long[] zeroPoints, int axis) {
        if (scales.length == 0) {
            throw new IrException("quantization has no scale");
        }
        if (zeroPoints.length != scales.length) {
            throw new IrException("quantization has " + scales.length + " scales but " + zeroPoints.length
                    + " zero points");
        }
        for (float s : scales) {
            if (!Float.isFinite(s) || s <= 0) {
                throw new IrException("quantization scale " + s + " is not a positive finite number");
            }
        }
        if (axis < 0) {
            throw new IrException("quantized dimension " + axis + " is negative");
        }
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.axis = axis;
    }

    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    public static Quantization perAxis(float[] scales, long[] zeroPoints, int axis) {
        return new Quantization(scales.clone(), zeroPoints.clone(), axis);
    }

    public int count() {
        return scales.length;
    }

    public boolean isPerChannel() {
        return scales.length > 1;
    }

    public float scale() {
        return scales[0];
    }

    public long zeroPoint() {
        return zeroPoints[0];
    }

    public float scale(int i) {
        return scales[i];
    }

    public long zeroPoint(int i) {
        return zeroPoints[i];
    }

    public float[] scales() {
        return scales.clone();
    }

    public long[] zeroPoints() {
        return zeroPoints.clone();
    }

    /** The dimension per-channel parameters run along (0 when per-tensor). */
    public int axis() {
        return axis;
    }

    /** Checks this quantization against the tensor it describes. */
    void checkFits(TensorType type, Shape shape) {
        if (scales.length > 1) {
            if (axis >= shape.rank()) {
                throw new IrException("quantized dimension " + axis + " is outside the tensor's rank " + shape.rank());
            }
            if (shape.dim(axis) != scales.length) {
                throw new IrException("per-channel quantization has " + scales.length + " scales but dimension "
                        + axis + " has " + shape.dim(axis) + " channels");
            }
        }
        if (type.isInteger() && type != TensorType.INT64 && type != TensorType.UINT64) {
            for (long z : zeroPoints) {
                if (z < type.min() || z > type.max()) {
                    throw new IrException("zero point " + z + " is outside the range of " + type);
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantization q && axis == q.axis && Arrays.equals(scales, q.scales)
                && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints) + axis;
    }

    @Override
    public String toString() {
        if (scales.length == 1) {
            return "scale " + scales[0] + ", zero point " + zeroPoints[0];
        }
        return scales.length + " channels on dim " + axis + ", scales " + scales[0] + ".., zero points " + zeroPoints[0]
                + "..";
    }
}
