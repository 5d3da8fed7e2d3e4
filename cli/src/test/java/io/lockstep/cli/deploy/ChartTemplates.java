package io.lockstep.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Substitutes a chart's values into its templates and parses the result, for the schema check of
 * {@link HelmChartTest}. This is not a Go-template engine: the chart's templates are kept to four forms on
 * purpose ({@code {{ .Values.a.b }}}, {@code {{ .Release.Name }}}, a whole-file {@code {{- if .Values.a.b }}}
 * guard and {@code {{ .Files.Get "f" | indent N }}} on a line of its own), and any other template syntax fails
 * the check, so the chart cannot drift into forms this check would misread.
 */
final class ChartTemplates {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern VALUE = Pattern.compile("\\{\\{ \\.Values\\.([A-Za-z0-9_.]+) }}");
    private static final Pattern GUARD = Pattern.compile("\\{\\{- if \\.Values\\.([A-Za-z0-9_.]+) }}");
    private static final Pattern FILE = Pattern.compile("^\\{\\{ \\.Files\\.Get \"([^\"]+)\" \\| indent (\\d+) }}$");
    private static final String END = "{{- end }}";

    private final Path chart;
    private final JsonNode values;

    /** @param overrides dotted value paths and their values, as with {@code helm --set} */
    ChartTemplates(Path chart, Map<String, Object> overrides) {
        this.chart = chart;
        try {
            ObjectNode v = (ObjectNode) YAML.readTree(chart.resolve("values.yaml").toFile());
            overrides.forEach((path, value) -> set(v, path, value));
            this.values = v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(ObjectNode root, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], YAML.valueToTree(value));
    }

    /** Every manifest the chart renders, in template-file order. */
    List<JsonNode> render(String release) {
        List<JsonNode> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
            for (Path template : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = substitute(template, Files.readString(template), release);
                for (String document : text.split("(?m)^---$")) {
                    JsonNode manifest = YAML.readTree(document);
                    if (manifest != null && !manifest.isNull() && !manifest.isMissingNode()) {
                        manifests.add(manifest);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    private String substitute(Path template, String text, String release) throws IOException {
        List<String> lines = new ArrayList<>(text.lines().toList());
        Matcher guard = GUARD.matcher(lines.get(0).strip());
        if (guard.matches()) {
            if (!END.equals(lines.get(lines.size() - 1).strip())) {
                throw new AssertionError(template + ": a guard must close on the file's last line");
            }
            if (!value(template, guard.group(1)).asBoolean()) {
                return "";
            }
            lines = new ArrayList<>(lines.subList(1, lines.size() - 1));
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            Matcher file = FILE.matcher(line);
            if (file.matches()) {
                String indent = " ".repeat(Integer.parseInt(file.group(2)));
                for (String included : Files.readString(chart.resolve(file.group(1))).lines().toList()) {
                    out.append(included.isEmpty() ? "" : indent + included).append('\n');
                }
                continue;
            }
            String replaced = line.replace("{{ .Release.Name }}", release);
            Matcher value = VALUE.matcher(replaced);
            StringBuilder sb = new StringBuilder();
            while (value.find()) {
                value.appendReplacement(sb, Matcher.quoteReplacement(value(template, value.group(1)).asText()));
            }
            value.appendTail(sb);
            if (sb.indexOf("{{") >= 0) {
                throw new AssertionError(template + ": template syntax beyond the chart's four forms: " + line);
            }
            out.append(sb).append('\n');
        }
        return out.toString();
    }

    private JsonNode value(Path template, String path) {
        JsonNode node = values;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isContainerNode()) {
            throw new AssertionError(template + " uses .Values." + path + ", which values.yaml does not define");
        }
        return node;
    }
}
