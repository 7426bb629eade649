package org.lesionsim.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Direct access to the packed {@code 0xRRGGBB} ints of a {@code TYPE_INT_RGB} image, so the
 * geometric steps work on arrays instead of per-pixel {@code getRGB}/{@code setRGB} calls.
 */
final class RgbPixels {
    private RgbPixels() {
    }

    /** A new black {@code TYPE_INT_RGB} image; {@link #array} of it is writable. */
    static BufferedImage create(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /**
     * The image's pixels, row-major, {@code width*height} long. The backing array itself for a
     * plain {@code TYPE_INT_RGB} image (so writes go through), a copy for anything else (a
     * sub-image, another type): callers only write into images they {@link #create}d.
     */
    static int[] array(BufferedImage img) {
        WritableRaster raster = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_INT_RGB
                && raster.getDataBuffer() instanceof DataBufferInt buffer
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == w
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0 && buffer.getSize() == w * h) {
            return buffer.getData();
        }
        return img.getRGB(0, 0, w, h, null, 0, w);
    }
}
