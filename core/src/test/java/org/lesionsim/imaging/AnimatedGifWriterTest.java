package org.lesionsim.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** The GIF holds every frame in order, loops forever, keeps the delay, and is a function of the pixels. */
class AnimatedGifWriterTest {

    static BufferedImage solid(int rgb) {
        BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, x < 8 ? rgb : 0x202020);
            }
        }
        return img;
    }

    @Test
    void everyFrameComesBackInOrderWithItsDelayAndTheLoopBlock() throws Exception {
        List<BufferedImage> frames = List.of(solid(0xff0000), solid(0x00ff00), solid(0x0000ff));
        byte[] gif = AnimatedGifWriter.write(frames, 250, 0);

        assertThat(new String(gif, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(new String(gif, StandardCharsets.ISO_8859_1)).as("NETSCAPE2.0 loop-forever block").contains("NETSCAPE2.0\u0003\u0001\u0000\u0000");
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            List<Integer> leftPixels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BufferedImage frame = reader.read(i);
                assertThat(frame.getWidth()).isEqualTo(16);
                leftPixels.add(frame.getRGB(2, 2) & 0xffffff);
                assertThat(frame.getRGB(12, 2) & 0xffffff).isEqualTo(0x202020);
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                assertThat(control.getAttribute("delayTime")).isEqualTo("25");
            }
            assertThat(leftPixels).containsExactly(0xff0000, 0x00ff00, 0x0000ff);
        } finally {
            reader.dispose();
        }
        assertThat(AnimatedGifWriter.write(frames, 250, 0)).as("same frames, same bytes").isEqualTo(gif);
    }

    @Test
    void framesOfAnotherSizeAreRefused() {
        BufferedImage other = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnimatedGifWriter.write(List.of(solid(0), other), 100, 0))
                .hasMessageContaining("frame 1 is 8x8");
    }
}
