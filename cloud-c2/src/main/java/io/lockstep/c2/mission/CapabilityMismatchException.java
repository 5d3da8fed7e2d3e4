package io.lockstep.c2.mission;

import java.util.List;

/**
 * No dispatched node (or not every one) offers what the mission needs. {@code missing} names, per node,
 * what it lacks; {@code nobodyOffers} what no registered node offers at all.
 */
public class CapabilityMismatchException extends MissionConflictException {

    private final List<FieldError> missing;
    private final List<String> nobodyOffers;

    public CapabilityMismatchException(String message, List<FieldError> missing, List<String> nobodyOffers) {
        super(message);
        this.missing = List.copyOf(missing);
        this.nobodyOffers = List.copyOf(nobodyOffers);
    }

    public List<FieldError> missing() {
        return missing;
    }

    public List<String> nobodyOffers() {
        return nobodyOffers;
    }
}
