package org.lesionsim.progression;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.AbcdResult;
import org.lesionsim.metrics.abcd.DermoscopicScorer;

/**
 * What {@link WalkStop} needs from each rendered frame: the judge's P(mel) and realism flag, and
 * whether a lesion is found by the same segmentation the verdict's LESION_LOST uses
 * ({@link DermoscopicScorer}), so a walk stops where its scores would fail it.
 */
public final class FrameReadings {
    private FrameReadings() {
    }

    public static List<WalkStop.FrameReading> read(MelanomaJudge judge, List<BufferedImage> frames) {
        List<WalkStop.FrameReading> out = new ArrayList<>(frames.size());
        for (BufferedImage frame : frames) {
            MelanomaJudge.Reading r = judge.read(PlanarImage.fromBufferedImage(frame));
            boolean lesion = DermoscopicScorer.score(frame, Optional.empty()) instanceof AbcdResult.Scored;
            out.add(new WalkStop.FrameReading(r.pMel(), r.withinRealRange(), lesion));
        }
        return out;
    }
}
