package org.lesionsim.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Image → baseline JPEG bytes with ImageIO's encoder at a fixed quality and nothing beyond the JFIF
 * header: what the synthetic data sets, the benchmarks and the tests feed the pipeline as a camera
 * or a HAM10000 file would. The same pixels and quality give the same bytes. (The pipeline's own
 * outputs are PNG, {@link PngEncoder}; JPEG is only ever an input.)
 */
public final class JpegEncoder {
    private JpegEncoder() {
    }

    /** {@code quality} in (0, 1], ImageIO's scale (0.75 is its default). */
    public static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
