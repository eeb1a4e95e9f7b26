package dev.ductor.systemtests.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics of docs/metrics.md: every table row whose first cell is a backticked name, with its type.
 * Timers and summaries are read through their {@code _count}, {@code _sum} and {@code _max} series too, and
 * those whose type says {@code (histogram)} through their {@code _bucket} series.
 */
public final class MetricsCatalogue {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-zA-Z_:][a-zA-Z0-9_:]*)` \\| ([^|]+) \\|");
    private static final List<String> DISTRIBUTION_SUFFIXES = List.of("_count", "_sum", "_max");
    private static final String BUCKET = "_bucket";

    private final Map<String, String> types;

    private MetricsCatalogue(Map<String, String> types) {
        this.types = types;
    }

    public static MetricsCatalogue read() {
        return parse(ProjectFiles.read("docs/metrics.md"));
    }

    static MetricsCatalogue parse(String markdown) {
        Map<String, String> types = new LinkedHashMap<>();
        Matcher m = ROW.matcher(markdown);
        while (m.find()) {
            types.put(m.group(1), m.group(2).strip());
        }
        return new MetricsCatalogue(types);
    }

    Set<String> names() {
        return types.keySet();
    }

    public boolean lists(String series) {
        if (types.containsKey(series)) {
            return true;
        }
        for (String suffix : DISTRIBUTION_SUFFIXES) {
            if (series.endsWith(suffix)) {
                String type = types.get(series.substring(0, series.length() - suffix.length()));
                if (type != null && (type.startsWith("timer") || type.startsWith("summary"))) {
                    return true;
                }
            }
        }
        return series.endsWith(BUCKET) && histograms().contains(series.substring(0, series.length() - BUCKET.length()));
    }

    /** The timers and summaries catalogued with histogram buckets ({@code (histogram)} in their type). */
    Set<String> histograms() {
        Set<String> histograms = new TreeSet<>();
        types.forEach((name, type) -> {
            if (type.contains("histogram")) {
                histograms.add(name);
            }
        });
        return histograms;
    }

    /** The metric names of a PromQL expression that the catalogue does not list. */
    Set<String> unlistedIn(String expression) {
        Set<String> unlisted = new TreeSet<>();
        for (String name : PromQl.metricNames(expression)) {
            if (!lists(name)) {
                unlisted.add(name);
            }
        }
        return unlisted;
    }
}
