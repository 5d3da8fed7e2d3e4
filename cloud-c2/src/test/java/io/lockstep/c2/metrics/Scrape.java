package io.lockstep.c2.metrics;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One read of /q/metrics in the Prometheus text format: every sample as "name{labels}" → value. */
record Scrape(Map<String, Double> samples) {

    static Scrape now() {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(body);
    }

    static Scrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
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

    /** The value of the one series of {@code name} (no labels besides common ones); fails when absent. */
    double value(String name) {
        return samples.entrySet().stream().filter(e -> name(e.getKey()).equals(name)).mapToDouble(Map.Entry::getValue)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one series of " + name + " in " + samples.keySet());
                })
                .orElseThrow(() -> new AssertionError(name + " not exported; names: " + names()));
    }

    private static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}
