package io.lockstep.c2.security.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.c2.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void storesSaltedHashesNeverPasswords() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("c2/users.json"));
        assertEquals(List.of(), users.read());
        assertTrue(users.put("alice", Role.COMMANDER, "correct horse".toCharArray()));
        assertTrue(users.put("bob", Role.VIEWER, "correct horse".toCharArray()));
        String text = Files.readString(users.path());
        assertFalse(text.contains("correct horse"));
        UserEntry alice = users.find("alice").orElseThrow();
        UserEntry bob = users.find("bob").orElseThrow();
        assertEquals("commander", alice.role());
        assertTrue(!alice.salt().equals(bob.salt()) && !alice.hash().equals(bob.hash()), "each user has its own salt");
        assertTrue(PasswordHash.matches(alice, "correct horse".toCharArray()));
        assertFalse(PasswordHash.matches(alice, "correct horsE".toCharArray()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(users.path())));
    }

    @Test
    void replacingAndRemovingUsers() {
        UsersFile users = new UsersFile(dir.resolve("users.json"));
        users.put("alice", Role.VIEWER, "one".toCharArray());
        assertFalse(users.put("alice", Role.ADMIN, "two".toCharArray()));
        assertEquals(1, users.read().size());
        assertEquals("admin", users.find("alice").orElseThrow().role());
        assertTrue(PasswordHash.matches(users.find("alice").orElseThrow(), "two".toCharArray()));
        assertTrue(users.remove("alice"));
        assertFalse(users.remove("alice"));
    }

    @Test
    void badNamesAndBadFilesAreRefusedClearly() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.json"));
        assertThrows(IllegalArgumentException.class, () -> users.put("", Role.VIEWER, "x".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> users.put("a\nb", Role.VIEWER, "x".toCharArray()));
        Files.writeString(users.path(), "{\"users\": [{\"name\": 1");
        IllegalStateException bad = assertThrows(IllegalStateException.class, users::read);
        assertTrue(bad.getMessage().contains("not valid"), bad.getMessage());
    }

    @Test
    void rolesIncludeEveryLowerRole() {
        assertEquals(List.of("viewer", "operator", "commander"), List.copyOf(Role.COMMANDER.andBelow()));
        assertEquals(List.of("viewer"), List.copyOf(Role.VIEWER.andBelow()));
        assertEquals(Role.ADMIN, Role.parse("admin").orElseThrow());
        assertTrue(Role.parse("root").isEmpty());
    }
}
