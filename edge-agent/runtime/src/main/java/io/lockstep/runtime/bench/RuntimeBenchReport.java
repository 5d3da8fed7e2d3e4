package io.lockstep.runtime.bench;

import java.util.List;
import java.util.Locale;

/** The figures of one {@code bench runtime} run, as a table and as JSON. */
public record RuntimeBenchReport(boolean quick, List<BenchFigure> figures, String environment) {

    public RuntimeBenchReport {
        figures = List.copyOf(figures);
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %12s %10s  %-16s %s%n", "figure", "value", "target", "verdict",
                "detail"));
        for (BenchFigure f : figures) {
            sb.append(String.format(Locale.ROOT, "%-22s %12.3f %10s  %-16s %s%n", f.name(), f.value(),
                    f.hasTarget() ? (f.lowerIsBetter() ? "<= " : ">= ") + trim(f.target()) : "-", f.verdict(),
                    f.detail()));
        }
        sb.append(environment).append(quick ? " (quick run)" : "").append('\n');
        return sb.toString();
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"benchmark\": \"runtime\",\n");
        sb.append("  \"quick\": ").append(quick).append(",\n");
        sb.append("  \"environment\": ").append(quote(environment)).append(",\n");
        sb.append("  \"figures\": [\n");
        for (int i = 0; i < figures.size(); i++) {
            BenchFigure f = figures.get(i);
            sb.append("    {\"name\": ").append(quote(f.name()))
                    .append(", \"value\": ").append(number(f.value()))
                    .append(", \"target\": ").append(number(f.target()))
                    .append(", \"comparison\": ").append(f.hasTarget() ? quote(f.lowerIsBetter() ? "<=" : ">=") : "null")
                    .append(", \"meets_target\": ").append(f.meetsTarget())
                    .append(", \"verdict\": ").append(quote(f.verdict()))
                    .append(", \"detail\": ").append(quote(f.detail())).append('}')
                    .append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
