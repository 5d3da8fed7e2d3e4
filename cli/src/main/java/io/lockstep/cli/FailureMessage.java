package io.lockstep.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line a failed command prints: the exception's message and those of its causes that add something, so
 * "cannot prepare /proc/nope" says why ("no such file or directory: /proc/nope"). A file-system exception's message
 * is often only the path; its kind is said in words.
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /** How deep the causes are followed: a chain can loop (initCause lets A cause B cause A). */
    private static final int MAX_CAUSES = 8;

    static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        String said = "";
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t.getCause() != null && t.getCause().toString().equals(t.getMessage())) {
                continue; // a wrapper that only repeats its cause (new XException(cause)): the cause says it
            }
            String part = describe(t);
            if (!said.contains(part)) {
                parts.add(part);
                said = said + "\n" + part;
            }
        }
        return String.join(": ", parts);
    }

    private static String describe(Throwable t) {
        if (t instanceof FileSystemException f && f.getReason() == null) {
            String kind = kind(f);
            return f.getFile() == null ? kind : kind + ": " + f.getFile();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String kind(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return f.getClass().getSimpleName();
    }
}
