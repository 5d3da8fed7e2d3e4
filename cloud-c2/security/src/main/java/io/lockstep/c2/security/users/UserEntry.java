package io.lockstep.c2.security.users;

/** One user of the users file: the role and a salted password hash, never the password. */
public record UserEntry(String name, String role, String algorithm, int iterations, String salt, String hash) {
}
