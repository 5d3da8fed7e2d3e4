package io.lockstep.mesh.keyexpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Zenoh's canonical form: {@code $*$*} becomes {@code $*}, a chunk that is only {@code $*} becomes {@code *},
 * {@code ** / **} becomes {@code **} and {@code ** / *} becomes {@code * / **}.
 */
final class Canonicalizer {
    private Canonicalizer() {
    }

    static String canonize(String text) {
        validate(text);
        List<String> out = new ArrayList<>();
        for (String raw : text.split("/", -1)) {
            String chunk = raw;
            while (chunk.contains("$*$*")) {
                chunk = chunk.replace("$*$*", "$*");
            }
            if (chunk.equals("$*")) {
                chunk = "*";
            }
            int last = out.size() - 1;
            if (chunk.equals("**") && last >= 0 && out.get(last).equals("**")) {
                continue;
            }
            if (chunk.equals("*") && last >= 0 && out.get(last).equals("**")) {
                out.set(last, "*");
                out.add("**");
                continue;
            }
            out.add(chunk);
        }
        return String.join("/", out);
    }

    /** Checks the syntax rules that no canonicalisation can repair. */
    static void validate(String text) {
        if (text == null || text.isEmpty()) {
            throw new KeyExprException(String.valueOf(text), "empty");
        }
        if (text.startsWith("/") || text.endsWith("/")) {
            throw new KeyExprException(text, "leading or trailing '/'");
        }
        for (String chunk : text.split("/", -1)) {
            if (chunk.isEmpty()) {
                throw new KeyExprException(text, "empty chunk ('//')");
            }
            if (chunk.indexOf('#') >= 0 || chunk.indexOf('?') >= 0) {
                throw new KeyExprException(text, "'#' and '?' are forbidden");
            }
            if (chunk.equals("*") || chunk.equals("**")) {
                continue;
            }
            for (int i = 0; i < chunk.length(); i++) {
                char c = chunk.charAt(i);
                if (c == '$') {
                    if (i + 1 >= chunk.length() || chunk.charAt(i + 1) != '*') {
                        throw new KeyExprException(text, "'$' must be followed by '*'");
                    }
                    i++;
                } else if (c == '*') {
                    throw new KeyExprException(text, "'*' inside a chunk must be written '$*'");
                }
            }
        }
    }
}
