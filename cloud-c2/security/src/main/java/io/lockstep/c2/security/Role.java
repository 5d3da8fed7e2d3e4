package io.lockstep.c2.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Commander roles, lowest first. A role includes every lower one: a commander may do what an operator
 * and a viewer may do, so each REST method names only its minimum role.
 */
public enum Role {
    /** Reads fleet, missions, modules and models. */
    VIEWER,
    /** Engages emergency stops and aborts missions. */
    OPERATOR,
    /** Creates, simulates, approves, dispatches and cancels missions; releases emergency stops. */
    COMMANDER,
    /** Uploads modules and models, manages users, reads the audit trail. */
    ADMIN;

    /** The name used in tokens, the users file and {@code @RolesAllowed}: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every lower one, lowest first, as wire names. */
    public Set<String> andBelow() {
        return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::wireName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    /** Every wire name, lowest first, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
