package org.lesionsim.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;

/**
 * Where the networks run: the one switch for training and inference ({@code lesionsim.device} in a
 * worker, {@code LESIONSIM_DEVICE} in its environment, {@code --device} for {@code TrainGan}), read as
 * <ul>
 *   <li>{@code auto} (default): the first GPU when the engine sees one, else the CPU;</li>
 *   <li>{@code cpu}: the CPU even where a GPU is present (what the shipped models were trained on);</li>
 *   <li>{@code gpu} or {@code gpu:N}: that GPU, and a clear error at start when there is none, rather
 *       than hours of silent CPU training on a GPU node.</li>
 * </ul>
 * The engine sees a GPU only when it loaded a CUDA build of libtorch: DJL offline cannot download
 * one, so a GPU host points {@code PYTORCH_LIBRARY_PATH} (+ {@code PYTORCH_VERSION},
 * {@code PYTORCH_FLAVOR}) at a local libtorch (README, "Training on a GPU").
 *
 * @param requested what was asked for ({@code auto}, {@code cpu}, {@code gpu:0}, ...)
 * @param device    the DJL device every manager made here allocates on
 */
public record ComputeDevice(String requested, Device device) {
    /** The configuration key (in the messages). */
    public static final String PROPERTY = "lesionsim.device";

    /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}, against the GPUs the engine reports. */
    public static ComputeDevice resolve(String spec) {
        return resolve(spec, gpuCount());
    }

    static ComputeDevice resolve(String spec, int gpus) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return new ComputeDevice(s, gpus > 0 ? Device.gpu(0) : Device.cpu());
        }
        if (s.equals("cpu")) {
            return new ComputeDevice(s, Device.cpu());
        }
        if (s.equals("gpu") || s.startsWith("gpu:")) {
            int id;
            try {
                id = s.equals("gpu") ? 0 : Integer.parseInt(s.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + " '" + spec + "': the GPU index must be a number", e);
            }
            if (id < 0 || id >= gpus) {
                throw new IllegalStateException(PROPERTY + "=" + spec + " but the engine sees " + gpus + " GPU(s)"
                        + (gpus == 0 ? ": it loaded a CPU build of libtorch (" + engineDescription() + "). Point "
                        + "PYTORCH_LIBRARY_PATH at a CUDA libtorch " + Engine.getInstance().getVersion()
                        + " with PYTORCH_FLAVOR=cu128 (README, 'Training on a GPU'), or ask for auto or cpu" : ""));
            }
            return new ComputeDevice(s, Device.gpu(id));
        }
        throw new IllegalArgumentException(PROPERTY + " '" + spec + "' is not one of auto, cpu, gpu, gpu:N");
    }

    /** A new top-level manager on this device. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device);
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** How checkpoints and events record it: DJL's name, {@code cpu()} or {@code gpu(0)}. */
    public String name() {
        return device.toString();
    }

    /** For the start-up log line: the device, the engine and, on a GPU, its compute capability. */
    public String describe() {
        String gpu = isGpu() ? ", compute capability " + ai.djl.util.cuda.CudaUtils.getComputeCapability(device.getDeviceId())
                + ", CUDA " + ai.djl.util.cuda.CudaUtils.getCudaVersionString() : "";
        return name() + " (" + PROPERTY + "=" + requested + "; " + engineDescription() + gpu + ")";
    }

    private static String engineDescription() {
        Engine engine = Engine.getInstance();
        String library = ai.djl.util.Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        return engine.getEngineName() + " " + engine.getVersion()
                + (library == null ? " bundled native library" : " from PYTORCH_LIBRARY_PATH " + library);
    }

    private static int gpuCount() {
        return Engine.getInstance().getGpuCount();
    }
}
