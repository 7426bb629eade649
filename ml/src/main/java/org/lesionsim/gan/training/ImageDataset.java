package org.lesionsim.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lesionsim.metrics.PlanarImage;

/**
 * Training images held in memory as one float array {@code [N, 3, res, res]} (NCHW, RGB, values in
 * [-1, 1], {@code x / 127.5 - 1} as {@code training_loop.py}), from a folder of PNG files or from
 * {@link BufferedImage}s. With {@code xflip} every image also appears mirrored (the dataset doubles,
 * as {@code --mirror}). Minibatches follow a seeded shuffle per epoch, so a batch depends only on
 * (seed, step): a resumed run sees the same images.
 */
public final class ImageDataset {
    private final float[] pixels;
    private final int count;
    private final int resolution;
    private final boolean xflip;
    private final String contentHash;

    private ImageDataset(float[] pixels, int count, int resolution, boolean xflip, String contentHash) {
        this.pixels = pixels;
        this.count = count;
        this.resolution = resolution;
        this.xflip = xflip;
        this.contentHash = contentHash;
    }

    /**
     * Every {@code *.png} in {@code dir} (not recursive), scaled to {@code resolution} when its size
     * differs; the content hash is SHA-256 over the file bytes in name order.
     */
    public static ImageDataset fromFolder(Path dir, int resolution, boolean xflip) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .png images in " + dir);
        }
        MessageDigest sha = sha256();
        List<BufferedImage> images = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            sha.update(bytes);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IOException("not a readable PNG: " + file.getFileName());
            }
            images.add(image);
        }
        return build(images, resolution, xflip, HexFormat.of().formatHex(sha.digest()));
    }

    /** Images already decoded; the content hash is SHA-256 over their scaled RGB bytes. */
    public static ImageDataset fromImages(List<BufferedImage> images, int resolution, boolean xflip) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        return build(images, resolution, xflip, null);
    }

    private static ImageDataset build(List<BufferedImage> images, int res, boolean xflip, String fileHash) {
        int plane = res * res;
        float[] pixels = new float[images.size() * 3 * plane];
        MessageDigest sha = sha256();
        for (int n = 0; n < images.size(); n++) {
            BufferedImage image = scaled(images.get(n), res);
            for (int y = 0; y < res; y++) {
                for (int x = 0; x < res; x++) {
                    int rgb = image.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        int value = (rgb >> (16 - 8 * c)) & 0xff;
                        sha.update((byte) value);
                        pixels[(n * 3 + c) * plane + y * res + x] = value / 127.5f - 1f;
                    }
                }
            }
        }
        String hash = fileHash != null ? fileHash : HexFormat.of().formatHex(sha.digest());
        return new ImageDataset(pixels, images.size(), res, xflip, hash);
    }

    private static BufferedImage scaled(BufferedImage image, int res) {
        if (image.getWidth() == res && image.getHeight() == res) {
            return image;
        }
        BufferedImage out = new BufferedImage(res, res, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, res, res, null);
        g.dispose();
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code step}-th minibatch of {@code batch} images {@code [batch, 3, res, res]} on
     * {@code manager}: item {@code i = step * batch + k} is entry {@code i mod size} of the
     * permutation drawn from {@code (seed, epoch = i / size)}.
     */
    public NDArray batch(NDManager manager, long step, int batch, long seed) {
        int plane = resolution * resolution;
        int itemSize = 3 * plane;
        int size = size();
        float[] out = new float[batch * itemSize];
        int[] order = null;
        long orderEpoch = -1;
        for (int k = 0; k < batch; k++) {
            long i = step * batch + k;
            long epoch = i / size;
            if (epoch != orderEpoch) {
                order = permutation(size, seed * 0x9E3779B97F4A7C15L + epoch);
                orderEpoch = epoch;
            }
            int item = order[(int) (i % size)];
            int n = item % count;
            boolean flipped = item >= count;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < resolution; y++) {
                    int src = n * itemSize + c * plane + y * resolution;
                    int dst = k * itemSize + c * plane + y * resolution;
                    for (int x = 0; x < resolution; x++) {
                        out[dst + x] = pixels[src + (flipped ? resolution - 1 - x : x)];
                    }
                }
            }
        }
        return manager.create(out, new Shape(batch, 3, resolution, resolution));
    }

    private static int[] permutation(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Whether every image also appears mirrored ({@code --mirror}). */
    public boolean xflip() {
        return xflip;
    }

    /** Number of training items (images, twice that with x-flips). */
    public int size() {
        return xflip ? 2 * count : count;
    }

    public int resolution() {
        return resolution;
    }

    /** Number of images read, without their mirrors. */
    public int imageCount() {
        return count;
    }

    /** Image {@code n} as it was read (never mirrored), RGB in [0, 1]: the form metrics compare. */
    public PlanarImage image(int n) {
        if (n < 0 || n >= count) {
            throw new IndexOutOfBoundsException("image " + n + " of " + count);
        }
        int itemSize = 3 * resolution * resolution;
        return PlanarImage.fromMinusOneToOne(3, resolution, resolution,
                Arrays.copyOfRange(pixels, n * itemSize, (n + 1) * itemSize));
    }

    /** SHA-256 hex of the content, recorded in checkpoints so a resume on other data is noticed. */
    public String contentHash() {
        return contentHash;
    }
}
