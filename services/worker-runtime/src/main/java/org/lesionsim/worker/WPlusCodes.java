package org.lesionsim.worker;

import java.io.IOException;
import org.lesionsim.encoder.NpyFormat;

/** A case's W+ code from its {@code .npy} (float32 [num_ws, w_dim], as the inversion worker writes it). */
public final class WPlusCodes {
    private WPlusCodes() {
    }

    /** Checks the shape the event announced; refuses what is not such a code. */
    public static float[][] read(byte[] npy, int expectedNumWs, int expectedWDim) {
        float[][] w;
        try {
            w = read(npy);
        } catch (IOException e) {
            throw new RejectedInputException("LATENTS_UNREADABLE", e.getMessage(), e);
        }
        if (w.length != expectedNumWs || w[0].length != expectedWDim) {
            throw new RejectedInputException("LATENTS_SHAPE_MISMATCH", "latents are [" + w.length + ", " + w[0].length
                    + "], the event says [" + expectedNumWs + ", " + expectedWDim + "]");
        }
        return w;
    }

    public static float[][] read(byte[] npy) throws IOException {
        NpyFormat.Matrix m = NpyFormat.read(npy);
        if (m.rows() == 0 || m.cols() == 0) {
            throw new IOException("empty latents [" + m.rows() + ", " + m.cols() + "]");
        }
        float[][] w = new float[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            System.arraycopy(m.values(), i * m.cols(), w[i], 0, m.cols());
        }
        return w;
    }
}
