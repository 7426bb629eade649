package org.lesionsim.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.LesionRenderer;
import org.lesionsim.imaging.PngEncoder;

/** The scored strip lays out input | reconstruction | frames, marks what the verdict names, and is reproducible. */
class ScoredStripTest {

    @Test
    void inputReconstructionAndFramesSideBySideWithTheUnrealFrameBorderedAndTheVerdictCaptioned() {
        BufferedImage input = LesionRenderer.render(42, 0, 128, 128).image(); // another size: resized to the frames'
        List<BufferedImage> frames = List.of(LesionRenderer.render(42, 0, 64, 64).image(), LesionRenderer.render(42, 0.5, 64, 64).image(),
                LesionRenderer.render(42, 1, 64, 64).image());
        List<FrameScore> scores = List.of(ProgressionVerdictTest.frame(0, 0.1, true, 3.0, 0),
                ProgressionVerdictTest.frame(1, 0.5, false, 4.0, 1), ProgressionVerdictTest.frame(2, 0.9, true, null, 2));
        ProgressionVerdict verdict = ProgressionVerdict.of(scores, null);
        assertThat(verdict.status()).isEqualTo(ProgressionVerdict.Status.NOT_CREDIBLE);

        BufferedImage strip = ScoredStrip.compose(input, frames.get(0), frames, scores, verdict);
        assertThat(strip.getWidth()).isEqualTo((2 + 3) * 64);
        assertThat(strip.getHeight()).isGreaterThan(64);
        assertThat(strip.getRGB(2 * 64 + 32, 32)).as("frame 0 copied unchanged").isEqualTo(frames.get(0).getRGB(32, 32));
        assertThat(strip.getRGB(3 * 64, 32) & 0xffffff).as("frame 1 is outside the real range: red border").isEqualTo(0xd01010);
        assertThat(strip.getRGB(4 * 64, 32)).as("frame 2 is not bordered").isEqualTo(frames.get(2).getRGB(0, 32));
        assertThat(ScoredStrip.describe(verdict)).isEqualTo("NOT CREDIBLE: OUTSIDE_REAL_RANGE FRAMES 1, LESION_LOST FRAMES 2");

        assertThat(ScoredStrip.compose(null, null, frames, scores, verdict).getWidth()).as("frames only").isEqualTo(3 * 64);
        assertThat(PngEncoder.encode(ScoredStrip.compose(input, frames.get(0), frames, scores, verdict)))
                .as("same input, same bytes").isEqualTo(PngEncoder.encode(strip));
    }
}
