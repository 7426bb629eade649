package org.lesionsim.gan.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The oracle for {@link BilinearGridSample}: libtorch's own {@code affine_grid} +
 * {@code grid_sampler(bilinear, zeros, align_corners=False)}, reached through a TorchScript module
 * written by hand as a zip (the technique of {@code gan.loss.AutogradGrad}, docs/DESIGN.md §4). Only for
 * tests: libtorch cannot differentiate {@code grid_sampler} twice, which R1 on augmented reals needs.
 */
final class TorchGridSampler implements AutoCloseable {
    private static final String ARCHIVE = "grid_sample";

    /** forward(input [N,C,Hi,Wi], theta [N,2,3], like [N,C,Ho,Wo]) = grid_sample(input, affine_grid(theta, like.size())). */
    static final String CODE = String.join("\n",
            "class GridSample(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.GridSample,",
            "    input: Tensor,",
            "    theta: Tensor,",
            "    like: Tensor) -> Tensor:",
            "    grid = torch.affine_grid_generator(theta, torch.size(like), False)",
            "    return torch.grid_sampler(input, grid, 0, 0, False)",
            "");

    private final PtSymbolBlock module;

    TorchGridSampler(NDManager manager) throws IOException {
        Path file = Files.createTempFile("grid-sample", ".pt");
        try {
            try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
                entry(zip, ARCHIVE + "/data.pkl", modulePickle());
                entry(zip, ARCHIVE + "/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
                entry(zip, ARCHIVE + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
                entry(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
            module = JniUtils.loadModule((PtNDManager) manager, file, false, new String[0], new String[0], false);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    NDArray sample(NDArray input, NDArray theta, NDArray like) {
        NDArray out = IValueUtils.forward(module, new NDList(input, theta, like), true).singletonOrThrow();
        out.attach(input.getManager());
        return out;
    }

    private static byte[] modulePickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});
        p.writeBytes("c__torch__\nGridSample\n".getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {')', (byte) 0x81, '}', '('});
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.writeBytes(new byte[] {'X', (byte) key.length, 0, 0, 0});
        p.writeBytes(key);
        p.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'});
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
