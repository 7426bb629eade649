package org.lesionsim.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/**
 * {@code torch.nn.BatchNorm2d} (eps 1e-5, momentum 0.1, affine): in training mode it normalises with
 * the batch's statistics over (N, H, W) and moves the running statistics (unbiased variance, as
 * PyTorch); in eval mode it uses the running statistics. {@code num_batches_tracked} is not kept
 * (an int64 counter PyTorch only needs for momentum=None). Input and output {@code [N, C, H, W]}.
 */
final class BatchNorm2d {
    static final double EPS = 1e-5;
    static final double MOMENTUM = 0.1;

    private final NDArray weight;
    private final NDArray bias;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final int channels;

    BatchNorm2d(StateDict params, String name, int channels) {
        this.channels = channels;
        Shape shape = new Shape(channels);
        this.weight = params.parameter(name + ".weight", shape, StateDict.Init.constant(1));
        this.bias = params.parameter(name + ".bias", shape, StateDict.Init.constant(0));
        this.runningMean = params.buffer(name + ".running_mean", shape, StateDict.Init.constant(0));
        this.runningVar = params.buffer(name + ".running_var", shape, StateDict.Init.constant(1));
    }

    NDArray forward(NDArray x, boolean training) {
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray mean;
        NDArray var;
        if (training) {
            long count = x.getShape().get(0) * x.getShape().get(2) * x.getShape().get(3);
            // multi-axis mean throws in DJL: sum over the axes and scale
            mean = StepArrays.mul(x.sum(new int[] {0, 2, 3}, true), 1.0 / count);
            NDArray centred = x.sub(mean);
            var = StepArrays.mul(centred.square().sum(new int[] {0, 2, 3}, true), 1.0 / count);
            updateRunning(mean, var, count);
        } else {
            mean = StepArrays.view(x, runningMean).reshape(perChannel);
            var = StepArrays.view(x, runningVar).reshape(perChannel);
        }
        NDArray scale = StepArrays.view(x, weight).reshape(perChannel).div(StepArrays.add(var, EPS).sqrt());
        return x.sub(mean).mul(scale).add(StepArrays.view(x, bias).reshape(perChannel));
    }

    private void updateRunning(NDArray batchMean, NDArray batchVar, long count) {
        NDArray mean = batchMean.stopGradient().reshape(channels);
        NDArray unbiased = StepArrays.mul(batchVar.stopGradient().reshape(channels), count / Math.max(count - 1.0, 1.0));
        NDArray oldMean = StepArrays.view(mean, runningMean);
        NDArray oldVar = StepArrays.view(mean, runningVar);
        NDArray newMean = StepArrays.mul(oldMean, 1 - MOMENTUM).add(StepArrays.mul(mean, MOMENTUM));
        NDArray newVar = StepArrays.mul(oldVar, 1 - MOMENTUM).add(StepArrays.mul(unbiased, MOMENTUM));
        float[] m = newMean.toFloatArray();
        float[] v = newVar.toFloatArray();
        runningMean.set(m);
        runningVar.set(v);
    }
}
