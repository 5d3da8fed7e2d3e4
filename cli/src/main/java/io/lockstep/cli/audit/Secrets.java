package io.lockstep.cli.audit;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A password from an option, the first line of a file, or a prompt without echo. */
public final class Secrets {

    private Secrets() {
    }

    public static char[] password(String given, Path file, String prompt, boolean confirm) {
        if (given != null && file != null) {
            throw new IllegalArgumentException("give --password or --password-file, not both");
        }
        if (given != null) {
            return given.toCharArray();
        }
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String line = end < 0 ? text : text.substring(0, end);
                return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password file " + file, e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: give --password-file FILE");
        }
        char[] first = console.readPassword("%s", prompt);
        if (confirm) {
            char[] again = console.readPassword("%s", "Again: ");
            if (!Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
        }
        return first;
    }
}
