package org.lesionsim.tools;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.gan.Generator;
import picocli.CommandLine.Option;

/** {@code --generator} and {@code --encoder}: the pair a command inverts real images with (a picocli mixin). */
public final class InversionModels {
    @Option(names = "--generator", required = true, paramLabel = "FILE", description = "generator .safetensors")
    public Path generator;
    @Option(names = "--encoder", required = true, paramLabel = "FILE", description = "encoder .safetensors")
    public Path encoder;

    public Generator loadGenerator(NDManager manager) throws IOException {
        return Generator.load(generator, manager);
    }

    public E4eEncoder loadEncoder(NDManager manager) throws IOException {
        return E4eEncoder.load(encoder, manager);
    }
}
