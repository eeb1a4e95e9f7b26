package dev.ductor.scheduler.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool's command line read as ductor's scripts read theirs (Python's argparse): {@code --flag value} or
 * {@code --flag=value} for the flags that take a value, bare switches, and positional arguments. An unknown
 * flag or a flag without its value is an error naming it.
 */
final class Flags {

    private final Map<String, String> values;
    private final Set<String> switches;
    private final List<String> positional;

    private Flags(Map<String, String> values, Set<String> switches, List<String> positional) {
        this.values = values;
        this.switches = switches;
        this.positional = positional;
    }

    static Flags parse(List<String> args, Set<String> valued, Set<String> switchNames) {
        Map<String, String> values = new HashMap<>();
        Set<String> on = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            if (switchNames.contains(name) && eq < 0) {
                on.add(name);
            } else if (valued.contains(name)) {
                if (eq >= 0) {
                    values.put(name, arg.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new IllegalArgumentException("argument --" + name + ": expected one argument");
                }
            } else {
                throw new IllegalArgumentException("unrecognized arguments: " + arg);
            }
        }
        return new Flags(values, on, positional);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value with surrounding blanks removed; empty when the flag is missing or blank. */
    Optional<String> text(String name) {
        return value(name).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The tool's help and "Missing required parameters: …" when any of {@code required} is missing or blank. */
    Optional<ToolResult> missing(String usage, String... required) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            if (text(name).isEmpty()) {
                missing.add("--" + name);
            }
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(ToolResult.usage(usage + "\nMissing required parameters: " + String.join(", ", missing)));
    }

    boolean has(String name) {
        return values.containsKey(name) || switches.contains(name);
    }

    boolean on(String name) {
        return switches.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    /** An hour of quiet hours, 0–23. */
    Optional<Integer> hour(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            int hour = Integer.parseInt(raw.get());
            if (hour >= 0 && hour <= 23) {
                return Optional.of(hour);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "argument --" + name + ": invalid choice: '" + raw.get() + "' (choose an hour from 0 to 23)");
    }

    /** A whole number, as argparse's {@code type=int} reads it. */
    Optional<Long> integer(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument --" + name + ": invalid int value: '" + raw.get() + "'");
        }
    }

    /** A value that must be one of {@code choices}. */
    Optional<String> choice(String name, List<String> choices) {
        Optional<String> raw = text(name);
        if (raw.isPresent() && !choices.contains(raw.get())) {
            throw new IllegalArgumentException(
                    "argument --" + name + ": invalid choice: '" + raw.get() + "' (choose from " + choices + ")");
        }
        return raw;
    }
}
