package org.lesionsim.gan.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images load as NCHW in [-1, 1]; batches depend only on (seed, step); x-flips double the data; the hash is over file bytes. */
class ImageDatasetTest extends org.lesionsim.gan.DjlTestBase {
    /** Image i: left column red, the rest grey level 40 * i. */
    static BufferedImage image(int i) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int grey = 40 * i;
                image.setRGB(x, y, x == 0 ? 0xff0000 : (grey << 16) | (grey << 8) | grey);
            }
        }
        return image;
    }

    @Test
    void folderLoadsPixelsAndHashesFileBytesInNameOrder(@TempDir Path dir) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image(i), "png", png);
            Files.write(dir.resolve("img" + i + ".png"), png.toByteArray());
            sha.update(png.toByteArray());
        }
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        ImageDataset dataset = ImageDataset.fromFolder(dir, 4, false);
        assertThat(dataset.size()).isEqualTo(3);
        assertThat(dataset.contentHash()).isEqualTo(HexFormat.of().formatHex(sha.digest()));

        float[] batch = dataset.batch(manager, 0, 3, 1).toFloatArray();
        for (int k = 0; k < 3; k++) {
            int base = k * 48;
            assertThat(new float[] {batch[base], batch[base + 16], batch[base + 32]}).containsExactly(1f, -1f, -1f);
        }
        for (float v : batch) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void batchesAreSeededShufflesAndXflipAddsMirrors() {
        List<BufferedImage> images = List.of(image(1), image(2), image(3));
        ImageDataset dataset = ImageDataset.fromImages(images, 4, true);
        assertThat(dataset.size()).isEqualTo(6);
        float[] epoch = dataset.batch(manager, 0, 6, 5).toFloatArray();
        assertThat(dataset.batch(manager, 0, 6, 5).toFloatArray()).containsExactly(epoch);
        assertThat(dataset.batch(manager, 0, 6, 6).toFloatArray()).isNotEqualTo(epoch);
        // one epoch holds every image once upright (red column at x = 0) and once mirrored (x = 3)
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 6; k++) {
            int base = k * 48;
            boolean upright = epoch[base] == 1f;
            boolean mirrored = epoch[base + 3] == 1f;
            assertThat(upright ^ mirrored).isTrue();
            seen.add((upright ? "up" : "mirror") + epoch[base + 1]);
        }
        assertThat(seen).hasSize(6);
        // step 1 with batch 3 is the second half of epoch 0
        List<Float> secondHalf = new ArrayList<>();
        for (float v : dataset.batch(manager, 1, 3, 5).toFloatArray()) {
            secondHalf.add(v);
        }
        List<Float> expected = new ArrayList<>();
        for (int i = 3 * 48; i < 6 * 48; i++) {
            expected.add(epoch[i]);
        }
        assertThat(secondHalf).isEqualTo(expected);
    }
}
