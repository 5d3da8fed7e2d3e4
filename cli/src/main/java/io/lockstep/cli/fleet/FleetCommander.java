package io.lockstep.cli.fleet;

import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The commander a local fleet's C2 knows: written into the users file of C2's data directory before C2
 * starts, with a random password that only this process holds. It is an admin, because the demo uploads
 * modules and models as well as creating and dispatching missions.
 */
final class FleetCommander {
    static final String USER = "demo-commander";

    private final C2Credentials credentials;

    private FleetCommander(C2Credentials credentials) {
        this.credentials = credentials;
    }

    static FleetCommander create(Path c2DataDir) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        new UsersFile(c2DataDir.resolve("users.json")).put(USER, Role.ADMIN, password.toCharArray());
        return new FleetCommander(new C2Credentials(USER, password));
    }

    C2Credentials credentials() {
        return credentials;
    }
}
