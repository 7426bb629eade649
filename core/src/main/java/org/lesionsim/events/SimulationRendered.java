package org.lesionsim.events;

import static org.lesionsim.events.Require.present;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Frames of a latent walk along a direction, one per alpha, with a strip and an animated GIF. The last
 * five fields are optional ({@link NullWhenAbsent}: events written before them still decode):
 * {@code schedule} ({@code fixed} or {@code calibrated}), the {@code calibration} of a calibrated walk
 * (the case's position and the class centres in σ units along the axis), why the walk stopped
 * ({@code completed}, {@code target-reached}, {@code realism-lost}, {@code lesion-lost}), and
 * {@code input} (the preprocessed image the case was inverted from) and {@code reconstruction} (the
 * generator's image of its inverted W+) when the walk knows them.
 */
public record SimulationRendered(
        UUID eventId,
        Instant time,
        UUID caseId,
        String checkpointId,
        UUID jobId,
        UUID causationId,
        String direction,
        String layers,
        List<Double> alphas,
        List<ObjectRef> frames,
        ObjectRef strip,
        ObjectRef animation,
        Diagnosis diagnosis,
        @NullWhenAbsent String schedule,
        @NullWhenAbsent Calibration calibration,
        @NullWhenAbsent String stopReason,
        @NullWhenAbsent ObjectRef input,
        @NullWhenAbsent ObjectRef reconstruction) implements LesionEvent {

    /**
     * Where a calibrated walk went, along the unit axis, in units of the pooled within-class standard
     * deviation σ of the labelled latents' projections, measured from the nevus class centre.
     *
     * @param positionSigma   the case itself (frame 0)
     * @param targetSigma     the last planned frame (the melanoma centre + margin)
     * @param melCentreSigma  the melanoma class centre (the nevus centre is 0)
     * @param marginSigma     how far beyond the melanoma centre the walk was planned to go
     * @param sigma           σ in W units (α = 1 moves the projection by 1)
     * @param statistics      where the class statistics came from, e.g. {@code shipped:models/ham10000-g64/progression-axis.json}
     */
    public record Calibration(double positionSigma, double targetSigma, double melCentreSigma, double marginSigma, double sigma,
                              String statistics) {
    }

    /** A walk without schedule details, input or reconstruction (as before calibrated walks). */
    public SimulationRendered(UUID eventId, Instant time, UUID caseId, String checkpointId, UUID jobId, UUID causationId,
                              String direction, String layers, List<Double> alphas, List<ObjectRef> frames, ObjectRef strip,
                              ObjectRef animation, Diagnosis diagnosis) {
        this(eventId, time, caseId, checkpointId, jobId, causationId, direction, layers, alphas, frames, strip, animation, diagnosis,
                null, null, null, null, null);
    }

    public SimulationRendered {
        present(eventId, "eventId");
        present(time, "time");
        present(caseId, "caseId");
        present(checkpointId, "checkpointId");
        present(causationId, "causationId");
        present(direction, "direction");
        present(layers, "layers");
        alphas = List.copyOf(present(alphas, "alphas"));
        frames = List.copyOf(present(frames, "frames"));
        present(strip, "strip");
        present(animation, "animation");
        if (alphas.size() != frames.size()) {
            throw new MalformedEventException("one frame per alpha expected: " + alphas.size() + " alphas, " + frames.size() + " frames");
        }
    }

    @Override
    public String partitionKey() {
        return caseId.toString();
    }
}
