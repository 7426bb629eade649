package org.lesionsim.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named tensors of one network, as PyTorch's {@code state_dict()}: trainable parameters and
 * buffers ({@code w_avg}, {@code noise_const}, {@code resample_filter}) under their official
 * dotted names, owned by one {@link NDManager}.
 *
 * <p>Layers claim their tensors while the network is built. A fresh state dict initialises each
 * claimed tensor from a seeded {@link Random} (reproducible across runs and machines); a loaded one
 * hands out the stored tensor and refuses a missing name or a wrong shape, and
 * {@link #requireAllClaimed()} refuses names the architecture does not have, so loading never
 * guesses.
 */
public final class StateDict implements AutoCloseable {
    private final NDManager manager;
    private final DataType dataType;
    private final Random random;
    private final Map<String, NDArray> unclaimed;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    private StateDict(NDManager manager, DataType dataType, Random random, Map<String, NDArray> unclaimed) {
        this.manager = manager;
        this.dataType = dataType;
        this.random = random;
        this.unclaimed = unclaimed;
    }

    /** An empty state dict whose tensors are initialised from {@code seed} as they are claimed. */
    public static StateDict fresh(NDManager parent, long seed) {
        return fresh(parent, seed, DataType.FLOAT32);
    }

    /**
     * As {@link #fresh(NDManager, long)} in another precision (float64 for finite-difference checks);
     * the same seed gives the same values up to rounding.
     */
    public static StateDict fresh(NDManager parent, long seed, DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("float32 or float64 only, got " + dataType);
        }
        return new StateDict(parent.newSubManager(), dataType, new Random(seed), null);
    }

    /** Reads a safetensors file; the network built on it claims every tensor or fails. */
    public static StateDict load(Path safetensors, NDManager parent) throws IOException {
        NDManager manager = parent.newSubManager();
        try (InputStream in = Files.newInputStream(safetensors)) {
            return fromList(NDList.decode(manager, in), manager, DataType.FLOAT32);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A deep copy (e.g. the EMA generator) on a new sub-manager of {@code parent}. */
    public StateDict copy(NDManager parent) {
        NDManager target = parent.newSubManager();
        NDList list = new NDList();
        forEach((name, array) -> {
            // through Java memory, so the copy is a fresh leaf with no autograd history
            NDArray dup = array.getDataType() == DataType.FLOAT64
                    ? target.create(array.toDoubleArray(), array.getShape())
                    : target.create(array.toFloatArray(), array.getShape());
            dup.setName(name);
            list.add(dup);
        });
        return fromList(list, target, dataType);
    }

    private static StateDict fromList(NDList list, NDManager manager, DataType dataType) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray array : list) {
            if (array.getName() == null || byName.put(array.getName(), array) != null) {
                throw new IllegalArgumentException("tensor without a name or named twice: " + array.getName());
            }
        }
        return new StateDict(manager, dataType, null, byName);
    }

    /** Claims a trainable parameter. */
    public NDArray parameter(String name, Shape shape, Init init) {
        return claim(parameters, name, shape, init);
    }

    /** Claims a buffer: saved with the network, never trained by the optimiser. */
    public NDArray buffer(String name, Shape shape, Init init) {
        return claim(buffers, name, shape, init);
    }

    private NDArray claim(Map<String, NDArray> into, String name, Shape shape, Init init) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalStateException("claimed twice: " + name);
        }
        NDArray array;
        if (unclaimed == null) {
            float[] values = new float[Math.toIntExact(shape.size())];
            init.fill(values, random);
            array = dataType == DataType.FLOAT64 ? manager.create(widen(values), shape) : manager.create(values, shape);
        } else {
            array = unclaimed.remove(name);
            if (array == null) {
                throw new IllegalArgumentException("checkpoint has no tensor '" + name + "' (architecture and file disagree)");
            }
            if (!array.getShape().equals(shape) || array.getDataType() != dataType) {
                throw new IllegalArgumentException("tensor '" + name + "' is " + array.getDataType() + array.getShape()
                        + ", the architecture needs " + dataType + shape);
            }
        }
        array.setName(name);
        into.put(name, array);
        return array;
    }

    /** After building a network on a loaded file: fails on tensors the architecture does not have. */
    public void requireAllClaimed() {
        if (unclaimed != null && !unclaimed.isEmpty()) {
            throw new IllegalArgumentException("checkpoint has tensors this architecture lacks: " + new TreeSet<>(unclaimed.keySet()));
        }
    }

    /** Trainable parameters by official name, in registration order. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Buffers by official name, in registration order. */
    public Map<String, NDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Every name, parameters and buffers. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(parameters.keySet());
        names.addAll(buffers.keySet());
        return names;
    }

    /** The parameter or buffer called {@code name}. */
    public NDArray get(String name) {
        NDArray array = parameters.containsKey(name) ? parameters.get(name) : buffers.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'");
        }
        return array;
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Makes every parameter (not the buffers) collect gradients. */
    public void requireGradients() {
        parameters.values().forEach(p -> p.setRequiresGradient(true));
    }

    /** Overwrites every tensor with the same-named one of {@code source} (same architecture). */
    public void copyFrom(StateDict source) {
        forEach((name, array) -> {
            NDArray from = source.get(name);
            if (!from.getShape().equals(array.getShape()) || from.getDataType() != array.getDataType()) {
                throw new IllegalArgumentException("'" + name + "' differs: " + from.getDataType() + from.getShape()
                        + " vs " + array.getDataType() + array.getShape());
            }
            array.set(from.toByteBuffer());
        });
    }

    /**
     * The generator EMA of {@code training_loop.py}: every parameter becomes
     * {@code lerp(source, this, beta) = source + beta * (this - source)}, every buffer a copy of the
     * source's. Runs outside autograd on a temporary manager.
     */
    public void updateEma(StateDict source, double beta) {
        try (NDManager tmp = manager.newSubManager()) {
            Map<DataType, NDArray> betas = new java.util.EnumMap<>(DataType.class);
            parameters.forEach((name, ema) -> {
                NDArray src = detachedOn(tmp, source.get(name));
                NDArray own = detachedOn(tmp, ema); // shares the EMA parameter's storage: updated in place
                NDArray b = betas.computeIfAbsent(own.getDataType(), unused -> StepArrays.scalar(own, beta));
                own.subi(src).muli(b).addi(src); // (this - source) * beta + source
            });
        }
        buffers.forEach((name, buffer) -> buffer.set(source.get(name).toByteBuffer()));
    }

    private static NDArray detachedOn(NDManager tmp, NDArray array) {
        NDArray detached = array.stopGradient();
        detached.attach(tmp);
        return detached;
    }

    /** Writes every parameter and buffer under its name (safetensors keeps names, not order). */
    public void save(OutputStream out) throws IOException {
        NDList list = new NDList();
        forEach((name, array) -> list.add(array));
        list.encode(out, NDList.Encoding.SAFETENSORS);
    }

    /** Same as {@link #save(OutputStream)}, to a file written atomically (temp file + move). */
    public void save(Path safetensors) throws IOException {
        Path tmp = safetensors.resolveSibling(safetensors.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            save(out);
        }
        Files.move(tmp, safetensors, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    NDManager manager() {
        return manager;
    }

    private void forEach(java.util.function.BiConsumer<String, NDArray> action) {
        parameters.forEach(action);
        buffers.forEach(action);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** How a fresh tensor is filled; {@code random} is the state dict's seeded stream. */
    @FunctionalInterface
    public interface Init {
        void fill(float[] values, Random random);

        /** {@code torch.randn(shape) * std}. */
        static Init normal(double std) {
            return (values, random) -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            };
        }

        /** {@code torch.full(shape, value)}. */
        static Init constant(double value) {
            return (values, random) -> java.util.Arrays.fill(values, (float) value);
        }

        /** Fixed values, e.g. a FIR filter. */
        static Init values(float[] fixed) {
            return (values, random) -> System.arraycopy(fixed, 0, values, 0, values.length);
        }
    }
}
