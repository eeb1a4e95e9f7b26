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

    /** The heading of the list of metrics a conversation does not show, each with its reason. */
    static final String NOT_SEEN_HEADING = "## Not seen after a conversation";

    private final Map<String, String> types;
    private final Map<String, String> notSeen;

    private MetricsCatalogue(Map<String, String> types, Map<String, String> notSeen) {
        this.types = types;
        this.notSeen = notSeen;
    }

    public static MetricsCatalogue read() {
        return parse(ProjectFiles.read("docs/metrics.md"));
    }

    static MetricsCatalogue parse(String markdown) {
        int split = markdown.indexOf(NOT_SEEN_HEADING);
        String catalogue = split < 0 ? markdown : markdown.substring(0, split);
        String exemptions = split < 0 ? "" : markdown.substring(split);
        return new MetricsCatalogue(rows(catalogue), rows(exemptions));
    }

    /** First cell (a backticked name) to second cell of every table row. */
    private static Map<String, String> rows(String markdown) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(markdown);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).strip());
        }
        return rows;
    }

    /** The catalogued metrics a conversation does not show, with why (the list under {@link #NOT_SEEN_HEADING}). */
    Map<String, String> notSeen() {
        return notSeen;
    }

    /**
     * The catalogued {@code ductor_*} series that none of {@code exposed} (series names the services serve)
     * shows, leaving out those listed as not seen: a metric by its name (a timer or summary by its
     * {@code _count}), a histogram also by its {@code _bucket}. A name listed as not seen but not catalogued
     * is reported too, so the list cannot go stale.
     */
    public Set<String> missingFrom(Set<String> exposed) {
        Set<String> missing = new TreeSet<>();
        types.forEach((name, type) -> {
            if (!name.startsWith("ductor_") || notSeen.containsKey(name)) {
                return;
            }
            boolean distribution = type.startsWith("timer") || type.startsWith("summary");
            if (!exposed.contains(distribution ? name + "_count" : name)) {
                missing.add(name);
            } else if (type.contains("histogram") && !exposed.contains(name + BUCKET)) {
                missing.add(name + BUCKET);
            }
        });
        notSeen.keySet().stream()
                .filter(name -> !types.containsKey(name))
                .forEach(name -> missing.add(name + " (listed as not seen, but not catalogued)"));
        return missing;
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
