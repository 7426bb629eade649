package org.lesionsim.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Hand-built test inputs: images, JPEG segments, PNG chunks with valid CRCs. */
final class TestImages {
    static final int SKIN = 0xD6AA96;
    static final int LESION = 0x5A321E;

    private TestImages() {
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(img, format, stream)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** JPEG at quality 0.95, so colour blocks survive compression with small errors. */
    static byte[] jpeg(BufferedImage img) {
        return JpegEncoder.encode(img, 0.95f);
    }

    static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** Skin-coloured background with a dark disc of {@code radius} centred at ((w-1)/2, (h-1)/2). */
    static BufferedImage lesion(int w, int h, double radius) {
        BufferedImage img = filled(w, h, SKIN);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    img.setRGB(x, y, LESION);
                }
            }
        }
        return img;
    }

    /** Red top-left, green top-right, blue bottom-left, white bottom-right quadrants. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int[][] colours = {{0xFF0000, 0x00FF00}, {0x0000FF, 0xFFFFFF}};
        for (int qy = 0; qy < 2; qy++) {
            for (int qx = 0; qx < 2; qx++) {
                g.setColor(new Color(colours[qy][qx]));
                g.fillRect(qx * w / 2, qy * h / 2, w / 2, h / 2);
            }
        }
        g.dispose();
        return img;
    }

    /** Mean (x, y) of pixels whose red channel is below {@code threshold}. */
    static double[] darkCentroid(BufferedImage img, int threshold) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >> 16 & 0xff) < threshold) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n, n};
    }

    /** A TIFF structure holding only IFD0 with one orientation entry (type SHORT, count 1). */
    static byte[] exifTiff(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return tiff.array();
    }

    /** {@code jpeg} with an APP1 "Exif\0\0" segment holding {@code tiff} inserted right after SOI. */
    static byte[] withApp1Exif(byte[] jpeg, byte[] tiff) {
        byte[] payload = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
        System.arraycopy(tiff, 0, payload, 6, tiff.length);
        return withSegment(jpeg, 0xE1, payload);
    }

    static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        return withApp1Exif(jpeg, exifTiff(orientation, order));
    }

    /** {@code jpeg} with a marker segment inserted right after SOI. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Offset of the first SOF0..SOF2 segment's marker in a JPEG. */
    static int sofOffset(byte[] jpeg) {
        int pos = 2;
        while (true) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker >= 0xC0 && marker <= 0xC2) {
                return pos;
            }
            pos += 2 + ((jpeg[pos + 2] & 0xff) << 8 | (jpeg[pos + 3] & 0xff));
        }
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    static byte[] ihdr(long width, long height, int bitDepth, int colourType) {
        return ByteBuffer.allocate(13).putInt((int) width).putInt((int) height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** The chunks of a PNG file, split after the signature. */
    static List<byte[]> chunksOf(byte[] png) {
        List<byte[]> chunks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        while (b.remaining() >= 12) {
            int length = b.getInt(b.position());
            byte[] chunk = new byte[12 + length];
            b.get(chunk);
            chunks.add(chunk);
        }
        return chunks;
    }

    static String chunkType(byte[] chunk) {
        return new String(chunk, 4, 4, StandardCharsets.US_ASCII);
    }

    /** Chunk types in file order, consecutive repeats (several IDATs) collapsed. */
    static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        for (byte[] chunk : chunksOf(png)) {
            String t = chunkType(chunk);
            if (types.isEmpty() || !types.get(types.size() - 1).equals(t)) {
                types.add(t);
            }
        }
        return types;
    }

    static int channel(int rgb, int shift) {
        return rgb >> shift & 0xff;
    }
}
