package org.lesionsim.worker;

import static org.lesionsim.worker.DeadLetterReason.LATENTS_SHAPE_MISMATCH;
import static org.lesionsim.worker.DeadLetterReason.LATENTS_UNREADABLE;

import java.io.IOException;
import org.lesionsim.gan.WPlus;

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
            throw new RejectedInputException(LATENTS_UNREADABLE, e.getMessage(), e);
        }
        if (w.length != expectedNumWs || w[0].length != expectedWDim) {
            throw new RejectedInputException(LATENTS_SHAPE_MISMATCH, "latents are [" + w.length + ", " + w[0].length
                    + "], the event says [" + expectedNumWs + ", " + expectedWDim + "]");
        }
        return w;
    }

    public static float[][] read(byte[] npy) throws IOException {
        WPlus w = WPlus.fromNpy(npy);
        if (w.numWs() == 0 || w.wDim() == 0) {
            throw new IOException("empty latents [" + w.numWs() + ", " + w.wDim() + "]");
        }
        return w.rows();
    }
}
