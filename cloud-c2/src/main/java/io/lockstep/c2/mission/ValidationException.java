package io.lockstep.c2.mission;

import java.util.List;
import java.util.stream.Collectors;

/** A request that cannot be accepted as given; lists every problem found, not just the first. */
public class ValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
