package io.lockstep.c2.mission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.proto.v1.Mission;
import org.junit.jupiter.api.Test;

/**
 * {@code carryingPayload} in a mission's JSON reaches the wire form (lockstep.v1.Mission.carrying_payload), where
 * the node puts it into its right-of-way intents as CARRYING_PAYLOAD (docs/right-of-way.md).
 */
class MissionPayloadFlagTest {

    private static final String AREA = "\"area\": [{\"lat\": 47.0, \"lon\": 8.0}, {\"lat\": 47.0, \"lon\": 8.001},"
            + " {\"lat\": 47.001, \"lon\": 8.001}]";

    private static Mission toProto(String json) throws Exception {
        MissionSpec spec = new ObjectMapper().findAndRegisterModules().readValue(json, MissionSpec.class);
        return MissionProtoMapper.toProto("m-1", spec);
    }

    @Test
    void aMissionWhoseVehiclesCarryAPayloadSaysSoOnTheWire() throws Exception {
        Mission mission = toProto("{\"name\": \"delivery\", \"type\": \"SURVEY\", \"priority\": 2, " + AREA
                + ", \"agents\": [], \"carryingPayload\": true}");
        assertThat(mission.getCarryingPayload()).isTrue();
        assertThat(mission.getPriority()).isEqualTo(2);
    }

    @Test
    void withoutTheFieldOrWithFalseItDoesNot() throws Exception {
        assertThat(toProto("{\"name\": \"survey\", \"type\": \"SURVEY\", \"priority\": 5, " + AREA
                + ", \"agents\": []}").getCarryingPayload()).isFalse();
        assertThat(toProto("{\"name\": \"survey\", \"type\": \"SURVEY\", \"priority\": 5, " + AREA
                + ", \"agents\": [], \"carryingPayload\": false}").getCarryingPayload()).isFalse();
    }
}
