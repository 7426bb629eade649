package org.lesionsim.imaging;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Any decoded layout (grey, grey+alpha, palette, RGB, RGBA; 1 to 16 bits) to 8-bit sRGB
 * {@code TYPE_INT_RGB}, reading the raster's samples directly.
 *
 * <p>Why not {@code Graphics.drawImage} or {@code getRGB}: Java labels PNG grey as its linear
 * {@code CS_GRAY}, so those paths "correct" grey+alpha 128 to 188. PNG and JPEG grey samples are
 * gamma-encoded like sRGB, so here grey g becomes (g, g, g).
 *
 * <p>Transparency is composited on <b>black</b>: outside the dermatoscope's field of view,
 * HAM10000 images are black (the round vignette), so a transparent margin becomes what the model
 * already sees there rather than a colour it never saw; and black is (0,0,0) in every RGB
 * profile, so compositing before a profile conversion gives the same background.
 *
 * <p>Samples in another RGB profile (an embedded ICC profile: PNG iCCP, or a non-sRGB colour space
 * from the reader) are converted to sRGB.
 */
final class SrgbConversion {
    private SrgbConversion() {
    }

    /**
     * @param embeddedProfile a profile the reader did not apply (PNG iCCP), or null
     */
    static BufferedImage toSrgb(BufferedImage src, ICC_Profile embeddedProfile) {
        ColorModel cm = src.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getNumColorComponents() != 1 && cm.getNumColorComponents() != 3) {
            throw new ImageRejectedException(RejectionReason.UNSUPPORTED_FORMAT,
                    "images with " + cm.getNumColorComponents() + " colour components (CMYK?) are not accepted: send RGB or grey");
        }
        BufferedImage rgb = samplesToRgb(src);
        ICC_Profile profile = embeddedProfile;
        ColorSpace cs = cm.getColorSpace();
        if (profile == null && !(cm instanceof IndexColorModel) && cs.getType() == ColorSpace.TYPE_RGB
                && !cs.isCS_sRGB() && cs instanceof ICC_ColorSpace icc) {
            profile = icc.getProfile();
        }
        boolean rgbProfile = profile != null && profile.getColorSpaceType() == ColorSpace.TYPE_RGB
                && (cm instanceof IndexColorModel || cm.getNumColorComponents() == 3);
        return rgbProfile ? profileToSrgb(rgb, profile) : rgb;
    }

    /** Samples as stored, scaled to 8 bits, alpha composited on black. */
    private static BufferedImage samplesToRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = RgbPixels.create(w, h);
        int[] dst = RgbPixels.array(out);
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            System.arraycopy(RgbPixels.array(src), 0, dst, 0, w * h);
            return out;
        }
        if (isPlainBgr(src)) { // the JPEG reader's usual output: bytes B, G, R per pixel
            byte[] bgr = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
            for (int i = 0, j = 0; i < dst.length; i++, j += 3) {
                dst[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
            }
            return out;
        }
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        if (cm instanceof IndexColorModel palette) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int argb = palette.getRGB(row[x]);
                    double a = (argb >>> 24) / 255.0;
                    dst[y * w + x] = pack(((argb >> 16) & 0xff) * a, ((argb >> 8) & 0xff) * a, (argb & 0xff) * a);
                }
            }
            return out;
        }
        if (!(cm instanceof ComponentColorModel)) { // packed layouts (not produced by the JPEG/PNG readers)
            int[] argb = src.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                double a = cm.hasAlpha() ? (argb[i] >>> 24) / 255.0 : 1;
                dst[i] = pack(((argb[i] >> 16) & 0xff) * a, ((argb[i] >> 8) & 0xff) * a, (argb[i] & 0xff) * a);
            }
            return out;
        }
        int colours = cm.getNumColorComponents();
        int bands = raster.getNumBands();
        double[] toUnit = new double[bands];
        for (int b = 0; b < bands; b++) {
            toUnit[b] = 1.0 / ((1L << cm.getComponentSize(b)) - 1);
        }
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                // on black, a premultiplied colour is already the composite
                double a = alpha && !premultiplied ? row[i + colours] * toUnit[colours] : 1;
                double r = row[i] * toUnit[0] * a * 255;
                double g = colours == 3 ? row[i + 1] * toUnit[1] * a * 255 : r;
                double b = colours == 3 ? row[i + 2] * toUnit[2] * a * 255 : r;
                dst[y * w + x] = pack(r, g, b);
            }
        }
        return out;
    }

    private static boolean isPlainBgr(BufferedImage src) {
        Raster r = src.getRaster();
        return src.getType() == BufferedImage.TYPE_3BYTE_BGR && r.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && buffer.getSize() == src.getWidth() * src.getHeight() * 3
                && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0;
    }

    /** Re-reads 8-bit RGB as being in {@code profile} and converts it to sRGB (LCMS via ColorConvertOp). */
    private static BufferedImage profileToSrgb(BufferedImage rgb, ICC_Profile profile) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        ComponentColorModel cm = new ComponentColorModel(new ICC_ColorSpace(profile), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        byte[] bytes = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] px = RgbPixels.array(rgb);
        for (int i = 0, j = 0; i < px.length; i++, j += 3) {
            bytes[j] = (byte) (px[i] >> 16);
            bytes[j + 1] = (byte) (px[i] >> 8);
            bytes[j + 2] = (byte) px[i];
        }
        BufferedImage inProfile = new BufferedImage(cm, raster, false, null);
        BufferedImage srgb = RgbPixels.create(w, h);
        new ColorConvertOp(null).filter(inProfile, srgb);
        return srgb;
    }

    private static int pack(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(double v) {
        long rounded = Math.round(v);
        return (int) Math.max(0, Math.min(255, rounded));
    }
}
