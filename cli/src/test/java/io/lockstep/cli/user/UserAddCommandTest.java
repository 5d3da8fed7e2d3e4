package io.lockstep.cli.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.c2.security.users.PasswordHash;
import io.lockstep.c2.security.users.UserEntry;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.cli.Lockstep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserAddCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cli = Lockstep.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void addsAUserWithAHashedPasswordFromAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "s3cret-password\n");
        Path data = dir.resolve("c2-data");
        assertEquals(0, run(new StringWriter(), "user", "add", "alice", "--role", "commander",
                "--password-file", secret.toString(), "--data-dir", data.toString()));
        UserEntry alice = new UsersFile(data.resolve("users.json")).find("alice").orElseThrow();
        assertEquals("commander", alice.role());
        assertTrue(PasswordHash.matches(alice, "s3cret-password".toCharArray()));
        assertFalse(Files.readString(data.resolve("users.json")).contains("s3cret"));

        Path file = dir.resolve("other/users.json");
        assertEquals(0, run(new StringWriter(), "user", "add", "bob", "--role", "viewer", "--password", "bob-password",
                "--users-file", file.toString()));
        assertTrue(new UsersFile(file).find("bob").isPresent());
    }

    @Test
    void badInputIsRefusedClearly() {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "user", "add", "alice", "--role", "root", "--password", "long-enough",
                "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("--role must be one of viewer, operator, commander, admin"), err.toString());
        StringWriter shortPw = new StringWriter();
        assertEquals(1, run(shortPw, "user", "add", "alice", "--role", "viewer", "--password", "short",
                "--data-dir", dir.toString()));
        assertTrue(shortPw.toString().contains("at least 8"), shortPw.toString());
        StringWriter badName = new StringWriter();
        assertEquals(1, run(badName, "user", "add", "bad name", "--role", "viewer", "--password", "long-enough",
                "--data-dir", dir.toString()));
        assertFalse(Files.exists(dir.resolve("users.json")));
    }
}
