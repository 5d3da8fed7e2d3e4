package io.lockstep.c2.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression of the Grafana dashboards in observability/grafana (panel targets and template
 * variable queries), and the metric names they select. (The same reader lives in the edge node's tests.)
 */
record DashboardQueries(List<String> titles, List<String> expressions) {

    /** Metrics with this prefix are C2's; every other one is the node's. */
    static final String C2_PREFIX = "lockstep_c2_";

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    static DashboardQueries load() throws IOException {
        Path dir = grafanaDir();
        List<String> titles = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                titles.add(dashboard.path("title").asText());
                collect(dashboard, expressions);
            }
        }
        return new DashboardQueries(titles, expressions);
    }

    private static Path grafanaDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path grafana = dir.resolve("observability/grafana");
            if (Files.isDirectory(grafana)) {
                return grafana;
            }
        }
        throw new IllegalStateException("no observability/grafana above " + Path.of("").toAbsolutePath());
    }

    /** "expr" of panel targets and "query" of template variables (a string or {"query": "..."}). */
    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (field.getKey().equals("expr") && value.isTextual()) {
                    out.add(value.asText());
                } else if (field.getKey().equals("query") && value.isTextual() && node.has("type")
                        && node.path("type").asText().equals("query")) {
                    out.add(value.asText());
                } else if (field.getKey().equals("query") && value.isObject() && value.has("query")) {
                    out.add(value.path("query").asText());
                } else {
                    collect(value, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }

    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions.forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /** The metric names a PromQL expression (with Grafana variables) selects. */
    static Set<String> metricNames(String expr) {
        String e = expr.replaceAll("label_values\\(\\s*([^,()]+?)\\s*,\\s*\\w+\\s*\\)", "$1")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String token = m.group();
            boolean function = e.substring(m.end()).stripLeading().startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}
