package dev.ductor.cli.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The latest ERROR lines of each service's log that {@code bin/run-local} writes to {@code .run/logs/}. */
public final class LastErrors {

    private static final Pattern ERROR = Pattern.compile("\\bERROR\\b");

    /** The errors of one log file, oldest first. */
    public record Log(String service, List<String> lines) {}

    private LastErrors() {}

    public static List<Log> in(Path logDir, int perService) {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        List<Log> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                Deque<String> last = new ArrayDeque<>();
                try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines.filter(line -> ERROR.matcher(line).find()).forEach(line -> {
                        last.addLast(line.length() > 300 ? line.substring(0, 300) + " …" : line);
                        if (last.size() > perService) {
                            last.removeFirst();
                        }
                    });
                } catch (UncheckedIOException e) {
                    last.addLast("(cannot read " + file.getFileName() + ": "
                            + e.getCause().getMessage() + ")");
                }
                String name = file.getFileName().toString();
                logs.add(new Log(name.substring(0, name.length() - ".log".length()), List.copyOf(last)));
            }
        } catch (IOException e) {
            return List.of(new Log(logDir.toString(), List.of("(cannot list: " + e.getMessage() + ")")));
        }
        return logs;
    }
}
