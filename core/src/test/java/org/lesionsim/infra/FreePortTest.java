package org.lesionsim.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Listener ports are chosen where an outgoing connection's ephemeral port can never land, and never twice. */
class FreePortTest {
    @Test
    void chosenPortsLieOutsideTheEphemeralRangeAreBindableAndDistinct() throws Exception {
        int[] ephemeral = ChildJvm.ephemeralRange();
        assertThat(ephemeral[0]).isLessThanOrEqualTo(ephemeral[1]);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = ChildJvm.freePort(0);
            assertThat(port).as("outside %d-%d", ephemeral[0], ephemeral[1])
                    .satisfiesAnyOf(p -> assertThat(p).isLessThan(ephemeral[0]), p -> assertThat(p).isGreaterThan(ephemeral[1]));
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = ChildJvm.freePort(0);
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aFreePreferredPortIsKeptAndATakenOneReplaced() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(ChildJvm.freePort(taken.getLocalPort())).isNotEqualTo(taken.getLocalPort());
        }
        int free = ChildJvm.freePort(0);
        assertThat(ChildJvm.freePort(free)).as("a free preferred port").isEqualTo(free);
    }
}
