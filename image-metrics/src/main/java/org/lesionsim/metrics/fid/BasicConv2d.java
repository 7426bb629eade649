package org.lesionsim.metrics.fid;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * torchvision's {@code BasicConv2d}: {@code Conv2d(in, out, kernel, stride, padding, bias=False)},
 * {@code BatchNorm2d(out, eps=0.001)} in eval mode, ReLU. {@code name} is its module path in the
 * state_dict (e.g. {@code Mixed_5b.branch5x5_2}), so its tensors are {@code name.conv.weight} and
 * {@code name.bn.weight/bias/running_mean/running_var}.
 */
record BasicConv2d(String name, int in, int out, int kernelH, int kernelW, int stride, int padH, int padW) {
    /** BatchNorm2d(eps=0.001), as torchvision's Inception3 and TensorFlow's original. */
    static final float BN_EPS = 1e-3f;

    static BasicConv2d square(String name, int in, int out, int kernel, int stride, int padding) {
        return new BasicConv2d(name, in, out, kernel, kernel, stride, padding, padding);
    }

    String convWeight() {
        return name + ".conv.weight";
    }

    String bn(String tensor) {
        return name + ".bn." + tensor;
    }

    /** The five tensors it reads, name → shape, in state_dict order. */
    Map<String, Shape> tensorShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(convWeight(), new Shape(out, in, kernelH, kernelW));
        for (String t : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            shapes.put(bn(t), new Shape(out));
        }
        return shapes;
    }
}
