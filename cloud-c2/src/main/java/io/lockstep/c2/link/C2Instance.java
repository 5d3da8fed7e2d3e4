package io.lockstep.c2.link;

import io.lockstep.c2.config.C2Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The name this C2 instance gives itself in Welcome messages. */
@ApplicationScoped
public class C2Instance {

    private final String id;

    public C2Instance(C2Config config) {
        this.id = config.instanceId().orElseGet(() -> "c2-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }
}
