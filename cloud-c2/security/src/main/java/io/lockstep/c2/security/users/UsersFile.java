package io.lockstep.c2.security.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lockstep.c2.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The users file C2 reads at every login and {@code lockstep user add} writes:
 * {@code {"users": [{"name", "role", "algorithm", "iterations", "salt", "hash"}, ...]}}. Changes take
 * an exclusive lock on {@code <file>.lock} and replace the file atomically, so C2 never reads half a file
 * and two writers never lose each other's change. The file is readable by its owner only.
 */
public final class UsersFile {
    /** User names: 1 to 64 of {@code A-Z a-z 0-9 _ . @ -}, starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private final Path file;

    public UsersFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    /** The users as stored, sorted by name; none when the file does not exist. */
    public List<UserEntry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Content content = JSON.readValue(file.toFile(), Content.class);
            return content.users() == null ? List.of() : List.copyOf(content.users());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the users file " + file + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file, e);
        }
    }

    public Optional<UserEntry> find(String name) {
        return read().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** Adds the user, or replaces the role and password of an existing one. True when the user is new. */
    public boolean put(String name, Role role, char[] password) {
        checkName(name);
        UserEntry entry = PasswordHash.create(name, role.wireName(), password);
        boolean[] added = {true};
        update(users -> {
            added[0] = users.removeIf(u -> u.name().equals(name)) ? false : true;
            users.add(entry);
            return users;
        });
        return added[0];
    }

    /** Removes the user; false when there was none of that name. */
    public boolean remove(String name) {
        boolean[] removed = {false};
        update(users -> {
            removed[0] = users.removeIf(u -> u.name().equals(name));
            return users;
        });
        return removed[0];
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of A-Z a-z 0-9 _ . @ -, starting with a"
                    + " letter or digit; was " + (name == null ? "missing" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
    }

    private void update(UnaryOperator<List<UserEntry>> change) {
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                List<UserEntry> users = change.apply(new ArrayList<>(read()));
                users.sort(Comparator.comparing(UserEntry::name));
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                ownerOnly(temp);
                Files.write(temp, JSON.writeValueAsBytes(new Content(users)));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file, e);
        }
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL
        }
    }

    record Content(List<UserEntry> users) {
    }
}
