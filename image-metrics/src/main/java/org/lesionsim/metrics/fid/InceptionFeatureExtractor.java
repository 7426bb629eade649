package org.lesionsim.metrics.fid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lesionsim.metrics.PlanarImage;

/**
 * pytorch-fid's feature pipeline on loaded weights: each RGB image in [0, 1] is resized to
 * {@code inputSize}² ({@link FidResize}; 299 for FID), mapped by {@code 2x − 1}, and passed through
 * {@link FidInceptionV3} in batches. Out: one 2048-d pool3 vector per image, in input order.
 * Never built on weights that did not pass {@link InceptionWeightFile}'s checks.
 */
public final class InceptionFeatureExtractor implements AutoCloseable {
    public static final int FID_INPUT_SIZE = 299;
    static final int BATCH = 8;

    private final NDManager manager;
    private final FidInceptionV3 network;
    private final FidResize resize;
    private final int inputSize;

    private InceptionFeatureExtractor(NDManager manager, FidInceptionV3 network, FidResize resize, int inputSize) {
        this.manager = manager;
        this.network = network;
        this.resize = resize;
        this.inputSize = inputSize;
    }

    /**
     * Loads and checks the weights (names, shapes; the SHA-256 is the configuration's business) onto a
     * sub-manager of {@code parent}, closed by {@link #close()}.
     *
     * @param inputSize 299 for FID; smaller (≥ 75) only for tests of the pipeline
     */
    public static InceptionFeatureExtractor load(Path safetensors, FidResize resize, int inputSize, NDManager parent) throws IOException {
        if (inputSize < FidInceptionV3.MIN_INPUT) {
            throw new IllegalArgumentException("Inception-v3 needs inputs of at least " + FidInceptionV3.MIN_INPUT + " px, got " + inputSize);
        }
        NDManager owned = parent.newSubManager();
        try (NDManager reading = parent.newSubManager()) {
            Map<String, NDArray> stateDict = InceptionWeightFile.read(safetensors, reading);
            return new InceptionFeatureExtractor(owned, FidInceptionV3.fold(stateDict, owned), resize, inputSize);
        } catch (IOException | RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    public FidResize resize() {
        return resize;
    }

    public int inputSize() {
        return inputSize;
    }

    /** The 2048-d pool3 features of each image. */
    public List<float[]> features(List<PlanarImage> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += BATCH) {
            List<PlanarImage> batch = images.subList(start, Math.min(images.size(), start + BATCH));
            out.addAll(batchFeatures(batch));
        }
        return out;
    }

    private List<float[]> batchFeatures(List<PlanarImage> batch) {
        int plane = 3 * inputSize * inputSize;
        float[] input = new float[batch.size() * plane];
        for (int i = 0; i < batch.size(); i++) {
            PlanarImage image = batch.get(i);
            if (image.channels() != 3) {
                throw new IllegalArgumentException("FID needs RGB images, got " + image.channels() + " channels");
            }
            System.arraycopy(resize.resize(image, inputSize), 0, input, i * plane, plane);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(input, new Shape(batch.size(), 3, inputSize, inputSize)).mul(2f).sub(1f);
            float[] flat = network.forward(x).toFloatArray();
            List<float[]> features = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                features.add(Arrays.copyOfRange(flat, i * FidInceptionV3.FEATURES, (i + 1) * FidInceptionV3.FEATURES));
            }
            return features;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
