package org.lesionsim.gan.training;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.gan.DiscriminatorConfig;
import org.lesionsim.gan.GeneratorConfig;

/** Tiny networks, options and synthetic data so that training tests take seconds. */
public final class TinyTraining {
    public static final int RES = 16;

    private TinyTraining() {
    }

    /** 16x16, z = w = 32, channels <= 32. */
    public static GeneratorConfig generator() {
        return new GeneratorConfig(RES, 32, 32, 2, 256, 32, 3, null, 0.01f, 0.995f);
    }

    public static DiscriminatorConfig discriminator() {
        return new DiscriminatorConfig(RES, 256, 32, 3, 4, 1, null);
    }

    /** Batch 4; R1 and path length every 2 minibatches so a few steps run every phase. */
    public static TrainingOptions options() {
        return TrainingOptions.cpu(RES).withBatch(4).withRegularisation(0.1, 2, 2, 2).withSeed(11);
    }

    /** Discs of different colours and places on a dark background. */
    public static List<BufferedImage> discs(int count) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(RES, RES, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(20, 10, 10));
            g.fillRect(0, 0, RES, RES);
            g.setColor(new Color(120 + 15 * i, 60 + 10 * i, 40));
            g.fillOval(2 + i % 4, 3 + i % 3, 9, 9);
            g.dispose();
            out.add(image);
        }
        return out;
    }
}
