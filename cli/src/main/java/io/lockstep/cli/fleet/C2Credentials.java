package io.lockstep.cli.fleet;

/** A C2 user's name and password, exchanged at C2's login endpoint for a bearer token. */
public record C2Credentials(String user, String password) {

    @Override
    public String toString() {
        return "C2Credentials[user=" + user + "]";
    }
}
