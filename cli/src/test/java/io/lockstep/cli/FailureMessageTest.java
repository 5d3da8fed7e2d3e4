package io.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void aWrappedFileSystemFailureSaysWhatWentWrongAndWhere() {
        assertEquals("cannot prepare /proc/nope: no such file or directory: /proc/nope", FailureMessage.of(
                new UncheckedIOException("cannot prepare /proc/nope", new NoSuchFileException("/proc/nope"))));
        assertEquals("permission denied: /root/x", FailureMessage.of(new AccessDeniedException("/root/x")));
    }

    @Test
    void aFileSystemFailureWithAReasonKeepsIt() {
        assertEquals("/proc/nope: Read-only file system",
                FailureMessage.of(new FileSystemException("/proc/nope", null, "Read-only file system")));
    }

    @Test
    void aCauseThatRepeatsTheMessageIsNotSaidTwice() {
        IOException cause = new IOException("connection refused");
        assertEquals("connection refused", FailureMessage.of(new UncheckedIOException(cause)));
        assertEquals("C2 unreachable: connection refused",
                FailureMessage.of(new IllegalStateException("C2 unreachable", cause)));
    }

    @Test
    void causesThatLoopAreFollowedOnlySoFar() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertEquals("a: b", FailureMessage.of(a));
    }

    @Test
    void anExceptionWithoutAMessageIsNamed() {
        assertEquals("NullPointerException", FailureMessage.of(new NullPointerException()));
    }
}
