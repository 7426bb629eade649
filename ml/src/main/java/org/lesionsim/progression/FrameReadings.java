package org.lesionsim.progression;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.DermoscopicScorer;
import org.lesionsim.metrics.abcd.LesionSegmentation;

/**
 * What {@link WalkStop} needs from each rendered frame: the judge's P(mel) and realism flag, and
 * whether a lesion is found by the same segmentation the verdict's LESION_LOST uses
 * ({@link DermoscopicScorer} scores a frame exactly when {@link LesionSegmentation} finds it
 * trustworthy), so a walk stops where its scores would fail it. Only the segmentation runs: the
 * ABCD measurements on it are the metrics worker's.
 */
public final class FrameReadings {
    private FrameReadings() {
    }

    public static List<WalkStop.FrameReading> read(MelanomaJudge judge, List<BufferedImage> frames) {
        List<WalkStop.FrameReading> out = new ArrayList<>(frames.size());
        for (BufferedImage frame : frames) {
            PlanarImage rgb = PlanarImage.fromBufferedImage(frame);
            MelanomaJudge.Reading r = judge.read(rgb);
            boolean lesion = LesionSegmentation.segment(rgb).trustworthy();
            out.add(new WalkStop.FrameReading(r.pMel(), r.withinRealRange(), lesion));
        }
        return out;
    }
}
