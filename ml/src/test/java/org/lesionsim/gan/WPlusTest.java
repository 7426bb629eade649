package org.lesionsim.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WPlusTest {

    @Test
    void roundTripsAFloat32Latent() throws Exception {
        float[] values = new float[10 * 128];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        values[5] = Float.NaN;
        values[6] = -0f;
        WPlus read = WPlus.fromNpy(new WPlus(10, 128, values).toNpy());
        assertThat(read.numWs()).isEqualTo(10);
        assertThat(read.wDim()).isEqualTo(128);
        assertThat(Arrays.equals(read.values(), values)).isTrue();
    }

    @Test
    void rowsAreTheCOrderValues() {
        WPlus w = WPlus.of(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});
        assertThat(w.numWs()).isEqualTo(2);
        assertThat(w.values()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(w.rows()).isDeepEqualTo(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6f}});
        assertThatThrownBy(() -> WPlus.of(new float[][] {{1f, 2f}, {3f}})).hasMessageContaining("row 1");
    }

    @Test
    void headerIsByteForByteWhatNumpySaveWrites() {
        // np.save(f, np.zeros((10, 128), '<f4')) starts with these 128 bytes (header length 0x76 = 118)
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 128), }";
        byte[] bytes = new WPlus(10, 128, new float[1280]).toNpy();
        assertThat(Arrays.copyOf(bytes, 10)).containsExactly(0x93 - 256, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0);
        String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
        assertThat(header).isEqualTo(dict + " ".repeat(117 - dict.length()) + "\n");
        assertThat(bytes.length).isEqualTo(128 + 1280 * 4);
        // little endian: 1.0f = 00 00 80 3f
        byte[] one = new WPlus(1, 1, new float[] {1f}).toNpy();
        assertThat(Arrays.copyOfRange(one, one.length - 4, one.length)).containsExactly(0, 0, 0x80 - 256, 0x3f);
        assertThat((one.length - 4) % 64).isZero();
    }

    @Test
    void refusesOtherLayouts() {
        byte[] bytes = new WPlus(2, 3, new float[6]).toNpy();
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("'<f4'", "'>f4'");
        assertThatThrownBy(() -> WPlus.fromNpy(text.getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("unsupported .npy header");
        assertThatThrownBy(() -> WPlus.fromNpy(Arrays.copyOf(bytes, bytes.length - 1))).hasMessageContaining("needs 24");
    }
}
