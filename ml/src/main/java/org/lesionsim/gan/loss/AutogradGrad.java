package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import org.lesionsim.gan.TorchScriptModule;

/**
 * {@code torch.autograd.grad([y], [x], create_graph=True)}: the gradient of a scalar {@code y} with
 * respect to {@code x}, itself differentiable, so a penalty on it (R1) can be backpropagated into
 * the network's parameters. DJL exposes no such call; this runs it inside a TorchScript module
 * ({@link TorchScriptModule}) loaded by libtorch,
 * which leaves no {@code .grad} behind in the parameters (unlike {@code backward(create_graph)}),
 * see docs/DESIGN.md §4. No Python is involved.
 */
public final class AutogradGrad implements AutoCloseable {
    /** The module's TorchScript source: forward(y, x) returns dy/dx with create_graph and retain_graph. */
    static final String CODE = String.join("\n",
            "class AutogradGrad(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.AutogradGrad,",
            "    y: Tensor,",
            "    x: Tensor) -> Tensor:",
            "    _0 = uninitialized(Tensor)",
            "    grads = torch.autograd.grad([y], [x], None, True, True)",
            "    g = grads[0]",
            "    if torch.__isnot__(g, None):",
            "      g0 = unchecked_cast(Tensor, g)",
            "    else:",
            "      ops.prim.RaiseException(\"x does not influence y\")",
            "      g0 = _0",
            "    return g0",
            "");

    private final PtSymbolBlock module;

    /** Loads the module on {@code manager} (a PyTorch-engine manager); close it with the manager or here. */
    public AutogradGrad(NDManager manager) {
        module = TorchScriptModule.load(manager, "AutogradGrad", CODE);
    }

    /**
     * @param y a scalar computed from {@code x} inside a gradient collector
     * @param x requires gradient
     * @return {@code dy/dx}, shaped like {@code x}, with a graph of its own (create_graph=True)
     */
    public NDArray grad(NDArray y, NDArray x) {
        if (y.getShape().size() != 1) {
            throw new IllegalArgumentException("y must be a scalar, got " + y.getShape());
        }
        NDList out;
        try {
            out = IValueUtils.forward(module, new NDList(y, x), true);
        } catch (ai.djl.engine.EngineException e) {
            throw new IllegalArgumentException("autograd.grad failed: y must be computed from x inside a gradient "
                    + "collector and x must require gradient (a leaf with setRequiresGradient, or computed from "
                    + "parameters that require gradients)", e);
        }
        NDArray g = out.singletonOrThrow();
        g.attach(x.getManager());
        return g;
    }

    @Override
    public void close() {
        module.close();
    }
}
