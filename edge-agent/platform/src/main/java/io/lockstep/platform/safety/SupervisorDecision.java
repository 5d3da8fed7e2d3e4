package io.lockstep.platform.safety;

import io.lockstep.platform.geometry.Vec2;
import java.util.List;

/**
 * The outcome of passing one tick's command through the safety supervisor.
 *
 * @param velocity the velocity actually sent to the vehicle
 * @param overridden whether it differs from what was requested (the sensor frame's "supervisor intervened"
 *        flag for the next tick)
 * @param interventions the events this call raised: rules that started acting at this tick (a rule that keeps
 *        acting on the following ticks does not repeat its event; e-stop and dead-man events come from other
 *        threads and reach listeners only; see {@link SafetySupervisor})
 */
public record SupervisorDecision(Vec2 velocity, boolean overridden, List<Intervention> interventions) {

    public SupervisorDecision {
        interventions = List.copyOf(interventions);
    }
}
