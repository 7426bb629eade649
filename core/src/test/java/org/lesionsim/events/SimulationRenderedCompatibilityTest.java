package org.lesionsim.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schedule fields of simulations.rendered are optional: events written before them still parse and validate. */
class SimulationRenderedCompatibilityTest {

    @Test
    void anEventWithoutScheduleFieldsParsesWithThemNull() throws Exception {
        ObjectNode node = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.example(EventType.SIMULATION_RENDERED));
        node.remove("schedule");
        node.remove("calibration");
        node.remove("stopReason");
        assertThat(EventSchemas.errors(node.toString())).isEmpty();
        SimulationRendered old = EventCodec.fromJson(node.toString(), SimulationRendered.class);
        assertThat(old.schedule()).isNull();
        assertThat(old.calibration()).isNull();
        assertThat(old.stopReason()).isNull();
        EventSchemas.assertValid(EventCodec.toJson(old));
    }

    @Test
    void aCalibratedWalkCarriesItsPositionInSigmaUnits() {
        SimulationRendered e = EventCodec.fromJson(EventSchemas.example(EventType.SIMULATION_RENDERED), SimulationRendered.class);
        assertThat(e.schedule()).isEqualTo("calibrated");
        assertThat(e.calibration().targetSigma()).isEqualTo(e.calibration().melCentreSigma() + e.calibration().marginSigma());
        assertThat(e.stopReason()).isEqualTo("completed");
    }
}
