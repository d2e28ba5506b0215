package dev.tflc.passes;

import dev.tflc.ir.Graph;
import dev.tflc.ir.Tensor;
import java.util.Objects;

/** Removes a RESHAPE whose output has its input's shape, type and quantization: a copy of nothing new. */
public final class RemoveIdentityReshapes implements Pass {
    @Override
    public String name() {
        return "remove-identity-reshapes";
    }

    @Override
    public Graph apply(Graph g) {
        return Rewrite.bypassEach(g, (graph, op) -> {
            if (!op.kind().equals("RESHAPE")) {
                return false;
            }
            Tensor in = graph.tensor(op.input(0));
            Tensor out = graph.tensor(op.output(0));
            return in.type() == out.type() && in.shape().equals(out.shape())
                    && Objects.equals(in.quantization(), out.quantization());
        });
    }
}
