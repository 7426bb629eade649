package org.lesionsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

    @Test
    void readsEachForm() {
        assertThat(ComputeDevice.resolve("auto", 0).device()).isEqualTo(Device.cpu());
        assertThat(ComputeDevice.resolve("auto", 2).device()).isEqualTo(Device.gpu(0));
        assertThat(ComputeDevice.resolve(" CPU ", 2).device()).isEqualTo(Device.cpu());
        assertThat(ComputeDevice.resolve("gpu", 1).device()).isEqualTo(Device.gpu(0));
        assertThat(ComputeDevice.resolve("gpu:1", 2).device()).isEqualTo(Device.gpu(1));
        assertThat(ComputeDevice.resolve("gpu:1", 2).name()).isEqualTo("gpu(1)");
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> ComputeDevice.resolve("tpu", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, cpu, gpu, gpu:N");
        assertThatThrownBy(() -> ComputeDevice.resolve("gpu:x", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
        assertThatThrownBy(() -> ComputeDevice.resolve("gpu:1", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sees 1 GPU(s)");
        // No GPU: the error says why (a CPU libtorch) and what to set.
        assertThatThrownBy(() -> ComputeDevice.resolve("gpu", 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PYTORCH_LIBRARY_PATH").hasMessageContaining("cu128");
    }

    @Test
    void managersAllocateOnTheResolvedDevice() {
        ComputeDevice device = ComputeDevice.resolve("auto");
        assertThat(device.isGpu()).isEqualTo(Engine.getInstance().getGpuCount() > 0);
        try (NDManager manager = device.newManager()) {
            NDArray x = manager.ones(new ai.djl.ndarray.types.Shape(2, 2));
            assertThat(x.getDevice()).isEqualTo(device.device());
        }
        assertThat(device.describe()).startsWith(device.name()).contains("PyTorch");
    }
}
