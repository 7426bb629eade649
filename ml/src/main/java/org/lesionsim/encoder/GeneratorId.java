package org.lesionsim.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity an encoder records of the generator it was trained against:
 * {@code <checkpoint directory>/<file>@sha256:<first 16 hex digits of the file's SHA-256>}, so a
 * renamed copy of the same weights is still recognised and a retrained one is not.
 */
public final class GeneratorId {
    private GeneratorId() {
    }

    public static String of(Path generatorSafetensors) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(generatorSafetensors), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Path dir = generatorSafetensors.toAbsolutePath().getParent();
        String dirName = dir == null || dir.getFileName() == null ? "" : dir.getFileName() + "/";
        return dirName + generatorSafetensors.getFileName() + "@sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
