package io.lockstep.edge.metrics;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** One read of /q/metrics in the Prometheus text format: every sample as "name{labels}" → value. */
record Scrape(Map<String, Double> samples) {

    static Scrape now() {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int exemplar = line.indexOf(" # ");
            if (exemplar >= 0) {
                line = line.substring(0, exemplar); // an exemplar (trace id, value, timestamp) follows
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(samples);
    }

    /** Sample names (without labels) as a Prometheus query sees them. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.keySet().forEach(series -> names.add(name(series)));
        return names;
    }

    /** The sum over every series of {@code name} whose labels contain each of {@code labels}; fails when none. */
    double sum(String name, String... labels) {
        Predicate<String> matches = series -> {
            for (String label : labels) {
                if (!series.contains(label)) {
                    return false;
                }
            }
            return name(series).equals(name);
        };
        if (samples.keySet().stream().noneMatch(matches)) {
            throw new AssertionError(name + " " + String.join(",", labels) + " not exported; names: " + names());
        }
        return samples.entrySet().stream().filter(e -> matches.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    private static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}
