package org.lesionsim.gan.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code torch.autograd.grad([y], [x], create_graph=True)}: the gradient of a scalar {@code y} with
 * respect to {@code x}, itself differentiable, so a penalty on it (R1) can be backpropagated into
 * the network's parameters. DJL exposes no such call; this runs it inside a TorchScript module
 * written here as a zip (code, pickled module object, constants, version) and loaded by libtorch,
 * which leaves no {@code .grad} behind in the parameters (unlike {@code backward(create_graph)}),
 * see DESIGN.md. No Python is involved.
 */
public final class AutogradGrad implements AutoCloseable {
    private static final String ARCHIVE = "autograd_grad";

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
        try {
            Path file = Files.createTempFile("autograd-grad", ".pt");
            try {
                writeModule(file);
                module = JniUtils.loadModule((PtNDManager) manager, file, false, new String[0], new String[0], false);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the TorchScript gradient module", e);
        }
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

    /** The zip libtorch's {@code torch::jit::load} reads: {@code <archive>/code/__torch__.py}, data.pkl, constants.pkl, version. */
    static void writeModule(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            entry(zip, ARCHIVE + "/data.pkl", modulePickle());
            entry(zip, ARCHIVE + "/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
            entry(zip, ARCHIVE + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // empty tuple
            entry(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Pickle (protocol 2) of an {@code __torch__.AutogradGrad} object whose state is {training: True}. */
    private static byte[] modulePickle() {
        java.io.ByteArrayOutputStream p = new java.io.ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});                                         // PROTO 2
        p.writeBytes("c__torch__\nAutogradGrad\n".getBytes(StandardCharsets.US_ASCII));   // GLOBAL
        p.writeBytes(new byte[] {')', (byte) 0x81, '}', '('});                             // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.writeBytes(new byte[] {'X', (byte) key.length, 0, 0, 0});                        // BINUNICODE
        p.writeBytes(key);
        p.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'});                             // NEWTRUE SETITEMS BUILD STOP
        return p.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    @Override
    public void close() {
        module.close();
    }
}
