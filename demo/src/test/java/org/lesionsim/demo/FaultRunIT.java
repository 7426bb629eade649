package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fault run ({@link FaultRun}, the same code as the benchmark command) with a smaller stream: 60
 * good cases through preprocess → inversion → progression → metrics (directions beside them), every
 * worker killed with SIGKILL once at a seeded random point and restarted, the broker killed and
 * started again once on the same ports and log directory, the S3 server down for 30 s. Afterwards
 * no case is lost, none has two distinct outputs at any stage, nothing was dead-lettered (all input
 * is good), every consumer group has committed up to the end of every partition, the workers that
 * met the store outage turned not-ready and came back by themselves, and none needed the supervisor.
 */
class FaultRunIT {

    @Test
    void killedWorkersARestartedBrokerAndAStoreOutageLoseNothingAndDuplicateNothing() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-");
        FaultRun.Settings settings = new FaultRun.Settings(60, 12, 0, 1, Duration.ofSeconds(30), true, 16, Duration.ofMinutes(10),
                root, data, 1, 0, 1);
        FaultRun.Result r = FaultRun.run(settings, System.out);
        r.print(System.out);

        assertThat(r.sent()).isEqualTo(60);
        assertThat(r.lost()).as("cases lost").isEmpty();
        assertThat(r.scored()).isEqualTo(60);
        assertThat(r.caseSeconds()).as("a latency for every scored case").hasSize(60).allMatch(t -> t > 0);
        assertThat(r.distinctDuplicates()).as("cases with two distinct outputs, per stage").allSatisfy((stage, n) -> assertThat(n).isZero());
        assertThat(r.directionsWalked().keySet()).as("every case walks the shipped axis (a redelivery then walks the same one)")
                .allMatch(d -> d.startsWith("shipped:"));
        assertThat(r.deadLettersForGood()).as("dead letters (all input is good)").isEmpty();
        assertThat(r.deadLettersForBad()).isEmpty();
        assertThat(r.lag()).as("every group's partitions").isNotEmpty();
        assertThat(r.stuck()).as("partitions with lag at the end").isEmpty();

        assertThat(r.kills()).extracting(FaultRun.Fault::what).containsExactlyInAnyOrderElementsOf(FaultRun.WORKERS);
        assertThat(r.broker()).as("the broker was restarted").isNotNull();
        assertThat(r.brokerFirstScoredS()).as("a case scored after the broker came back").isNotNull();
        assertThat(r.store()).as("the store was down").isNotNull();
        assertThat(r.store().downSeconds()).isGreaterThanOrEqualTo(30);
        assertThat(r.storeDownWorkers()).as("workers whose readiness went DOWN with the store").isNotEmpty();
        assertThat(r.storeNotBackUp()).as("workers not ready again by themselves").isEmpty();
        assertThat(r.store().allReadyMs()).as("every worker ready again after the store outage").isPositive();
        assertThat(r.storeFirstScoredS()).as("a case scored after the store came back").isNotNull();
        assertThat(r.supervisorRestarts()).as("workers that needed the orchestrator").isEmpty();
    }
}
