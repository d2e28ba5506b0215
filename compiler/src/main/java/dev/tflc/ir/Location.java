package dev.tflc.ir;

/**
 * Where a diagnostic applies: file, subgraph, operator and tensor, each optional (null or -1 when
 * unknown). Names are kept as read; {@link #toString} shows them through {@link Text#printable}.
 */
public record Location(String file, int subgraph, int operator, String operatorKind, String tensor) {
    public static final Location NONE = new Location(null, -1, -1, null, null);

    public static Location ofFile(String file) {
        return new Location(file, -1, -1, null, null);
    }

    public static Location ofSubgraph(int subgraph) {
        return new Location(null, subgraph, -1, null, null);
    }

    public Location withOperator(int index, String kind) {
        return new Location(file, subgraph, index, kind, tensor);
    }

    public Location withTensor(String name) {
        return new Location(file, subgraph, operator, operatorKind, name);
    }

    /** This location with every field it lacks taken from {@code outer}. */
    public Location within(Location outer) {
        return new Location(file != null ? file : outer.file,
                subgraph >= 0 ? subgraph : outer.subgraph,
                operator >= 0 ? operator : outer.operator,
                operatorKind != null ? operatorKind : outer.operatorKind,
                tensor != null ? tensor : outer.tensor);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(Text.printable(file));
        }
        StringBuilder in = new StringBuilder();
        if (subgraph >= 0) {
            in.append("subgraph ").append(subgraph);
        }
        if (operator >= 0) {
            in.append(in.length() > 0 ? ", " : "").append("operator ").append(operator);
            if (operatorKind != null) {
                in.append(" (").append(Text.printable(operatorKind)).append(')');
            }
        }
        if (tensor != null) {
            in.append(in.length() > 0 ? ", " : "").append("tensor '").append(Text.printable(tensor)).append('\'');
        }
        if (in.length() > 0) {
            sb.append(sb.length() > 0 ? ": " : "").append(in);
        }
        return sb.toString();
    }
}
