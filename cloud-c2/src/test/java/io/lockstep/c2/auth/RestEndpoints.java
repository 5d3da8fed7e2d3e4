package io.lockstep.c2.auth;

import io.lockstep.c2.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every JAX-RS resource method of C2, found by reflection over the compiled classes under
 * target/classes (so an endpoint added anywhere is found), with the role it requires.
 */
final class RestEndpoints {

    /** A resource method: HTTP method, path template, minimum role (empty for @PermitAll), consumed type. */
    record Endpoint(String method, String template, Optional<Role> minimum, String consumes, String javaName) {

        /** The template with every {param} filled with a well-formed value that names nothing stored. */
        String samplePath() {
            return template.replace("{sha256}", "a".repeat(64)).replace("{name}", "nobody-here")
                    .replaceAll("\\{[^/}]+}", "absent-1");
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + javaName + ")";
        }
    }

    private RestEndpoints() {
    }

    /** Every resource method; fails when one has neither @RolesAllowed with one known role nor @PermitAll. */
    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Optional<String> verb = verb(method);
                if (verb.isEmpty()) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
                String name = resource.getSimpleName() + "." + method.getName();
                endpoints.add(new Endpoint(verb.get(), template, minimumRole(method, resource, name),
                        consumes(method, resource), name));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return endpoints;
    }

    private static Optional<Role> minimumRole(Method method, Class<?> resource, String name) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && method.getAnnotation(PermitAll.class) == null) {
            roles = resource.getAnnotation(RolesAllowed.class);
        }
        if (roles == null) {
            if (method.getAnnotation(PermitAll.class) != null) {
                return Optional.empty();
            }
            throw new AssertionError(name + " has no @RolesAllowed (and no @PermitAll): every C2 endpoint names"
                    + " its minimum role");
        }
        if (roles.value().length != 1) {
            throw new AssertionError(name + " must name exactly one (its minimum) role, names "
                    + List.of(roles.value()));
        }
        String role = roles.value()[0];
        return Optional.of(Role.parse(role)
                .orElseThrow(() -> new AssertionError(name + " names an unknown role " + role)));
    }

    private static String consumes(Method method, Class<?> resource) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getAnnotation(Consumes.class);
        }
        if (consumes == null || consumes.value().length == 0 || consumes.value()[0].contains("*")) {
            return "application/json";
        }
        return consumes.value()[0];
    }

    private static Optional<String> verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    private static List<Class<?>> resourceClasses() {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes").toAbsolutePath();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        RestEndpoints.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    found.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("cannot load " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new AssertionError("no JAX-RS resource classes under " + classes);
        }
        return found;
    }
}
