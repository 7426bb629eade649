package org.lesionsim.progression.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lesionsim.events.CheckpointPublished;
import org.lesionsim.events.Diagnosis;
import org.lesionsim.events.LatentsInverted;
import org.lesionsim.events.SimulationRendered;
import org.lesionsim.progression.AxisStatistics;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.progression.WalkStop;
import org.lesionsim.servicetest.LocalInfrastructureResource;
import org.lesionsim.servicetest.TopicProbe;
import org.lesionsim.storage.ObjectStore;

/**
 * With the shipped judge configured, a calibrated walk ends where realism breaks: the test's tiny
 * random generator draws nothing like a real lesion, so every frame after the first is outside
 * the real images' range, and the walk keeps only frame 0 and says why in {@code stopReason}.
 */
@QuarkusTest
@TestProfile(WalkStopIT.WithJudge.class)
@QuarkusTestResource(LocalInfrastructureResource.class)
class WalkStopIT {
    public static class WithJudge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lesionsim.progression.judge-weights", Path.of("../../models/ham10000-judge64/judge.safetensors")
                    .toAbsolutePath().normalize().toString());
        }
    }

    @Inject
    ObjectStore store;

    @Test
    void aCalibratedWalkStopsBeforeTheFirstFrameOutsideTheRealRange() throws Exception {
        ProgressionWorkerIT helper = new ProgressionWorkerIT();
        helper.store = store;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe probe = ProgressionWorkerIT.probe(); TopicProbe.Subscription out = probe.subscribe("simulations.rendered")) {
            String encoderId = "e64-" + suffix + "-w";
            float[] axis = new float[ProgressionWorkerIT.TINY.wDim()];
            axis[1] = 1f;
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "lesionsim-progression-it", ProgressionAxisFile.FILE);
            Files.createDirectories(file.getParent());
            Files.write(file, new ProgressionAxisFile(1, "g64-" + encoderId.substring(4), null, "it-axis", "all", axis,
                    new AxisStatistics(0.1, 1.1, 0.5, 40, 30), 0.7, "test", Map.of(), List.of()).toJson());
            CheckpointPublished e = helper.publishEncoder(probe, encoderId, 9);
            LatentsInverted inverted = helper.sendLatents(probe, e, helper.mappedWPlus(e, 21), Diagnosis.NV);
            SimulationRendered walk = ProgressionWorkerIT.rendered(out.await(r -> r.key().equals(inverted.caseId().toString()),
                    java.time.Duration.ofSeconds(90)));

            assertThat(walk.schedule()).isEqualTo("calibrated");
            assertThat(walk.stopReason()).isIn(WalkStop.REALISM_LOST, WalkStop.LESION_LOST);
            assertThat(walk.frames()).as("frames kept").hasSizeLessThan(8).hasSameSizeAs(walk.alphas());
            assertThat(walk.alphas().get(0)).isEqualTo(0.0);
            for (var ref : walk.frames()) {
                store.get(ref); // every kept frame is stored with the checksum its event names
            }
        }
    }
}
