package io.lockstep.c2.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each REST path really allows, read from the resource classes' annotations, for the
 * {@code Allow} header of 405 answers and of OPTIONS (which would otherwise list every method of every
 * path template sharing a prefix, e.g. GET on {@code /nodes/{id}/estop}).
 */
final class AllowedMethods {

    private static final List<Class<?>> RESOURCES = List.of(MissionResource.class, NodeResource.class,
            ModuleResource.class, ModelResource.class);
    private static final Map<Pattern, Set<String>> ROUTES = routes();

    private AllowedMethods() {
    }

    /** The {@code Allow} value for {@code path}, or empty when no resource serves it. */
    static Optional<String> forPath(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Map.Entry<Pattern, Set<String>> route : ROUTES.entrySet()) {
            if (route.getKey().matcher(normalized).matches()) {
                return Optional.of(String.join(", ", route.getValue()));
            }
        }
        return Optional.empty();
    }

    private static Map<Pattern, Set<String>> routes() {
        Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                Optional<String> verb = verb(method);
                if (verb.isEmpty()) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + (sub.value().startsWith("/") ? "" : "/") + sub.value();
                Set<String> verbs = byTemplate.computeIfAbsent(template, t -> new TreeSet<>());
                verbs.add(verb.get());
                if (verb.get().equals(HttpMethod.GET)) {
                    verbs.add(HttpMethod.HEAD);
                }
                verbs.add(HttpMethod.OPTIONS);
            }
        }
        Map<Pattern, Set<String>> routes = new LinkedHashMap<>();
        List<String> templates = new ArrayList<>(byTemplate.keySet());
        for (String template : templates) {
            routes.put(Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+")), byTemplate.get(template));
        }
        return routes;
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
}
