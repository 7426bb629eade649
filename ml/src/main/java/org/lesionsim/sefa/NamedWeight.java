package org.lesionsim.sefa;

/**
 * One style-modulation ("affine") weight of the synthesis network, as PyTorch's {@code Linear}
 * stores it: {@code weight[C_out][w_dim]}, one row per modulated input channel, e.g.
 * {@code synthesis.b8.conv0.affine.weight}. The array is not copied.
 */
public record NamedWeight(String name, float[][] weight) {
    public NamedWeight {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("weight needs a name");
        }
        if (weight == null || weight.length == 0 || weight[0].length == 0) {
            throw new IllegalArgumentException("weight " + name + " is empty");
        }
        for (int r = 0; r < weight.length; r++) {
            if (weight[r].length != weight[0].length) {
                throw new IllegalArgumentException("weight " + name + " is ragged: row " + r + " has " + weight[r].length + " columns, row 0 has " + weight[0].length);
            }
        }
    }

    public int outChannels() {
        return weight.length;
    }

    public int wDim() {
        return weight[0].length;
    }
}
