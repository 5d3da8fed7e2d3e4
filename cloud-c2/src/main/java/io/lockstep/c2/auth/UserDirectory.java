package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.PasswordHash;
import io.lockstep.c2.security.users.UserEntry;
import io.lockstep.c2.security.users.UsersFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The users C2 accepts at login: the users file, read at every login so {@code lockstep user add} takes
 * effect without a restart.
 */
@ApplicationScoped
public class UserDirectory {
    /** Hashed against when the name is unknown, so an unknown name costs as long as a wrong password. */
    private static final UserEntry DECOY = PasswordHash.create("decoy", "viewer", "decoy".toCharArray());

    private final UsersFile file;

    public UserDirectory(C2Config config) {
        this.file = new UsersFile(config.auth().usersFile().orElse(config.files().resolve("users.json")));
    }

    public UsersFile file() {
        return file;
    }

    /** The user's role when the password is right. */
    public Optional<Role> authenticate(String name, char[] password) {
        Optional<UserEntry> entry = file.find(name);
        if (entry.isEmpty()) {
            PasswordHash.matches(DECOY, password);
            return Optional.empty();
        }
        if (!PasswordHash.matches(entry.get(), password)) {
            return Optional.empty();
        }
        return Role.parse(entry.get().role());
    }
}
