package org.lesionsim.gan;

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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module written by hand, for libtorch calls DJL does not expose (docs/DESIGN.md §4): in
 * comes the class name and its serialised TorchScript source ({@code code/__torch__.py} form, a
 * {@code forward} taking and returning tensors), out comes the module loaded by libtorch. The file
 * is a zip of that code, a pickled module object {@code {training: True}}, empty constants and the
 * format version. No Python is involved.
 */
public final class TorchScriptModule {
    private static final Map<String, PtSymbolBlock> COMPILED = new ConcurrentHashMap<>();
    private static final NDManager MODULE_MANAGER = NDManager.newBaseManager();

    private TorchScriptModule() {
    }

    /** The module of this source, compiled once per JVM and kept on a manager of its own. */
    public static PtSymbolBlock cached(String className, String code) {
        return COMPILED.computeIfAbsent(code, unused -> load(MODULE_MANAGER, className, code));
    }

    /** {@code module.forward(inputs...)} with autograd on; the result belongs to the first input's manager. */
    public static NDArray forward(PtSymbolBlock module, NDArray... inputs) {
        NDArray y = IValueUtils.forward(module, new NDList(inputs), true).singletonOrThrow();
        y.attach(inputs[0].getManager());
        return y;
    }

    /** Writes the module to a temporary file and loads it on {@code manager} (a PyTorch-engine manager). */
    public static PtSymbolBlock load(NDManager manager, String className, String code) {
        try {
            Path file = Files.createTempFile(className, ".pt");
            try {
                write(file, className, code);
                return JniUtils.loadModule((PtNDManager) manager, file, false, new String[0], new String[0], false);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the TorchScript module " + className, e);
        }
    }

    /** The zip libtorch's {@code torch::jit::load} reads: {@code <archive>/code/__torch__.py}, data.pkl, constants.pkl, version. */
    public static void write(Path file, String className, String code) throws IOException {
        String archive = className.toLowerCase(java.util.Locale.ROOT);
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            entry(zip, archive + "/data.pkl", modulePickle(className));
            entry(zip, archive + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            entry(zip, archive + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // empty tuple
            entry(zip, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Pickle (protocol 2) of an {@code __torch__.<className>} object whose state is {training: True}. */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});                                                    // PROTO 2
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));        // GLOBAL
        p.writeBytes(new byte[] {')', (byte) 0x81, '}', '('});                                        // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.writeBytes(new byte[] {'X', (byte) key.length, 0, 0, 0});                                   // BINUNICODE
        p.writeBytes(key);
        p.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'});                                        // NEWTRUE SETITEMS BUILD STOP
        return p.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
