package org.lesionsim.ingest.pacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lesionsim.dicom.UidPseudonym;
import org.lesionsim.events.CaseReceived;
import org.lesionsim.events.ObjectRef;
import org.lesionsim.infra.OrthancServer;
import org.lesionsim.infra.S3Server;
import org.lesionsim.ingest.CaseIntake;
import org.lesionsim.storage.ObjectKeys;
import org.lesionsim.storage.ObjectStore;
import org.lesionsim.storage.ObjectStoreException;
import org.lesionsim.storage.S3Settings;
import org.lesionsim.worker.DeadLetterPublisher;
import org.lesionsim.worker.RejectedInputException;

/**
 * A store that fails while a case is being accepted leaves the instance unmarked, the failure does
 * not escape the scheduler, and the next poll takes the instance again; once taken it is never
 * taken twice. A real Orthanc and a real S3 server, the follower built by hand around them.
 */
class PacsFollowerStoreOutageIT {
    private static final String KEY = "test-hospital-key-2026-12-06";
    private static OrthancServer orthanc;
    private static S3Server s3;
    private static ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        if (!OrthancServer.isInstalled()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + OrthancServer.notInstalledReason());
            }
            Assumptions.abort("cannot run: " + OrthancServer.notInstalledReason());
        }
        orthanc = OrthancServer.start(Path.of("target"));
        s3 = S3Server.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "s3-"), 0);
        store = new ObjectStore(new S3Settings(s3.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "outage", "us-east-1"));
        store.ensureBucket();
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** Fails its first {@code failures} calls as a store outage would, then takes cases. */
    static final class FlakyIntake extends CaseIntake {
        int failures;
        final List<Submission> accepted = new ArrayList<>();
        int calls;

        FlakyIntake(int failures) {
            this.failures = failures;
        }

        @Override
        public CaseReceived accept(Submission s) {
            calls++;
            if (failures-- > 0) {
                throw new ObjectStoreException("object store: put cases/... failed: connection refused", null);
            }
            accepted.add(s);
            return new CaseReceived(UUID.randomUUID(), Instant.now(), s.caseId(), null, s.source(),
                    new ObjectRef("cases/" + s.caseId() + "/original.png", "0".repeat(64), s.original().length, "image/png"),
                    null, null, null, null, s.submitter(), s.dicom());
        }
    }

    static final class NoDeadLetters extends DeadLetterPublisher {
        @Override
        public org.lesionsim.events.DeadLetter reject(org.eclipse.microprofile.reactive.messaging.Message<String> original,
                                                     String fallbackTopic, RejectedInputException rejection) {
            throw new AssertionError("a good instance was refused: " + rejection.code());
        }
    }

    private static PacsFollower follower(CaseIntake intake, ObjectStore store, Optional<String> key) {
        PacsFollower f = new PacsFollower();
        f.intake = intake;
        f.store = store;
        f.deadLetters = new NoDeadLetters();
        f.url = Optional.of(orthanc.dicomWebRoot());
        f.name = "outage-pacs";
        f.modalities = List.of("XC", "OT");
        f.sopClasses = Optional.empty();
        f.since = Optional.empty();
        f.pageSize = 100;
        f.requestTimeout = Duration.ofSeconds(5);
        f.pollInterval = Duration.ofSeconds(1);
        f.maxBackoff = Duration.ofSeconds(2);
        f.pseudonymKey = key;
        f.submitter = Optional.of("key-7");
        f.onStart(null);
        return f;
    }

    @Test
    void aStoreOutageWhileAcceptingIsRetriedNextPollAndNothingIsTakenTwice() throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xAA5533);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        OrthancServer.StoredInstance stored = orthanc.storePng(png.toByteArray(), Map.of("Modality", "XC", "PatientName", "DOE^JANE"));
        String sop = UidPseudonym.fromSecret(KEY).of(stored.sopInstanceUid());
        String marker = ObjectKeys.pacsSeen("outage-pacs", sop);

        FlakyIntake intake = new FlakyIntake(1);
        PacsFollower f = follower(intake, store, Optional.of(KEY));
        f.scheduledPoll(); // the store fails inside accept: must not escape, must not mark
        assertThat(intake.calls).isEqualTo(1);
        assertThat(store.exists(marker)).isFalse();

        f.scheduledPoll(); // next poll: taken
        assertThat(intake.accepted).hasSize(1);
        assertThat(intake.accepted.get(0).dicom().sopInstanceUid()).isEqualTo(sop);
        assertThat(intake.accepted.get(0).submitter()).isEqualTo("key-7");
        assertThat(store.exists(marker)).isTrue();

        f.scheduledPoll();
        PacsFollower restarted = follower(intake, store, Optional.of(KEY)); // a fresh process reads the markers
        restarted.scheduledPoll();
        assertThat(intake.calls).as("taken once, never again").isEqualTo(2);

        // a store that does not answer at all: the poll stops, nothing escapes, nothing is taken
        ObjectStore dead = new ObjectStore(new S3Settings("http://127.0.0.1:1", "a", "b", "outage", "us-east-1"));
        FlakyIntake untouched = new FlakyIntake(0);
        follower(untouched, dead, Optional.of(KEY)).scheduledPoll();
        assertThat(untouched.calls).isZero();
    }

    @Test
    void aPacsWithoutAPseudonymKeyRefusesToStart() {
        assertThatThrownBy(() -> follower(new FlakyIntake(0), store, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lesionsim.pacs.pseudonym-key is missing");
        assertThatThrownBy(() -> follower(new FlakyIntake(0), store, Optional.of("short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 16 bytes").hasMessageNotContaining("short");
    }
}
