package org.lesionsim.tools;

import java.nio.file.Path;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import picocli.CommandLine.Option;

/** {@code --ham10000 DIR}: a folder in the HAM10000 layout (metadata CSV + images), as a picocli mixin. */
public final class Ham10000Folder {
    @Option(names = "--ham10000", required = true, paramLabel = "DIR", description = "a HAM10000-layout folder")
    public Path folder;

    public Ham10000Dataset open() {
        return Ham10000Dataset.open(folder);
    }
}
