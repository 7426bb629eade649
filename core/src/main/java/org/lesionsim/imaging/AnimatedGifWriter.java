package org.lesionsim.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Frames → an animated GIF (GIF89a) through the JDK's {@code javax.imageio} GIF writer: every frame
 * gets a Graphic Control Extension with its delay, and the first a NETSCAPE2.0 application extension
 * whose loop count 0 means "repeat forever", the convention every browser follows. RGB frames are
 * quantised to a 256-colour palette by the writer (octree, deterministic: same frames, same bytes).
 * No comment or text extensions are written, so nothing but pixels leaves with the file.
 */
public final class AnimatedGifWriter {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGifWriter() {
    }

    /**
     * @param frames      images of one size, shown in order
     * @param delayMillis time each frame stays on screen (GIF keeps hundredths of a second)
     * @param loopCount   0 = forever, n = play n + 1 times
     */
    public static byte[] write(List<BufferedImage> frames, int delayMillis, int loopCount) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        if (delayMillis < 0 || loopCount < 0 || loopCount > 0xffff) {
            throw new IllegalArgumentException("delay must be >= 0 ms and loop count in 0..65535");
        }
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = frames.get(i);
                if (frame.getWidth() != w || frame.getHeight() != h) {
                    throw new IllegalArgumentException("frame " + i + " is " + frame.getWidth() + "x" + frame.getHeight()
                            + ", frame 0 is " + w + "x" + h);
                }
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                annotate(metadata, delayMillis, i == 0 ? loopCount : -1);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Adds the frame delay and, when {@code loopCount >= 0}, the NETSCAPE2.0 loop block. */
    private static void annotate(IIOMetadata metadata, int delayMillis, int loopCount) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.round(delayMillis / 10f)));
        control.setAttribute("transparentColorIndex", "0");
        if (loopCount >= 0) {
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            // sub-block 1 = loop count, little-endian uint16
            netscape.setUserObject(new byte[] {1, (byte) (loopCount & 0xff), (byte) (loopCount >>> 8)});
            child(root, "ApplicationExtensions").appendChild(netscape);
        }
        metadata.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
