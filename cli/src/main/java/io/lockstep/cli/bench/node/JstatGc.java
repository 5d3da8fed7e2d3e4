package io.lockstep.cli.bench.node;

import java.util.List;
import java.util.Locale;

/**
 * Reads {@code jstat -gc} output: a header line of column names, then one line of values (KiB) per sample.
 * The heap in use is the sum of the used columns of the survivor spaces, eden and the old generation;
 * metaspace and the class space are not heap and are left out.
 */
public final class JstatGc {
    /** The used-space columns that make up the Java heap, as jstat names them. */
    static final List<String> HEAP_USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final String[] columns;
    private final int[] heapUsedIndexes;

    private JstatGc(String[] columns, int[] heapUsedIndexes) {
        this.columns = columns;
        this.heapUsedIndexes = heapUsedIndexes;
    }

    /**
     * @param headerLine jstat's header, e.g. {@code S0C S1C S0U S1U EC EU OC OU MC MU ...}
     * @throws MalformedJstatOutputException when a heap column is missing
     */
    public static JstatGc ofHeader(String headerLine) {
        if (headerLine == null || headerLine.isBlank()) {
            throw new MalformedJstatOutputException("jstat printed no header line");
        }
        String[] columns = headerLine.strip().split("\\s+");
        int[] indexes = new int[HEAP_USED_COLUMNS.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = indexOf(columns, HEAP_USED_COLUMNS.get(i));
            if (indexes[i] < 0) {
                throw new MalformedJstatOutputException("jstat header has no " + HEAP_USED_COLUMNS.get(i)
                        + " column: " + abbreviate(headerLine));
            }
        }
        return new JstatGc(columns, indexes);
    }

    /** Whether {@code line} is a header line (jstat repeats it with {@code -h}); values lines start with a digit. */
    public static boolean isHeader(String line) {
        return line != null && line.strip().startsWith("S0C");
    }

    /**
     * The heap in use in one sample line, in MiB.
     *
     * @throws MalformedJstatOutputException when the line does not have the header's columns or a heap value
     *         is not a non-negative number
     */
    public double heapUsedMib(String valuesLine) {
        if (valuesLine == null || valuesLine.isBlank()) {
            throw new MalformedJstatOutputException("empty jstat sample line");
        }
        String[] values = valuesLine.strip().split("\\s+");
        if (values.length != columns.length) {
            throw new MalformedJstatOutputException("jstat sample has " + values.length + " values for "
                    + columns.length + " columns: " + abbreviate(valuesLine));
        }
        double kib = 0;
        for (int index : heapUsedIndexes) {
            kib += parseKib(columns[index], values[index]);
        }
        return kib / 1024.0;
    }

    /** Parses one header plus one sample, as {@code jstat -gc PID} without an interval prints them. */
    public static double heapUsedMibOfSingleSample(String output) {
        List<String> lines = output == null ? List.of() : output.strip().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 2) {
            throw new MalformedJstatOutputException("expected a header and one sample from jstat, got "
                    + lines.size() + " lines: " + abbreviate(output == null ? "" : output));
        }
        return ofHeader(lines.get(0)).heapUsedMib(lines.get(1));
    }

    private static double parseKib(String column, String value) {
        double kib;
        try {
            kib = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MalformedJstatOutputException("jstat column " + column + " is not a number: " + abbreviate(value));
        }
        if (!(kib >= 0) || Double.isInfinite(kib)) {
            throw new MalformedJstatOutputException("jstat column " + column + " is not a size: " + value);
        }
        return kib;
    }

    private static int indexOf(String[] columns, String name) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].toUpperCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
    }
}
