package dev.ductor.bus;

import java.util.List;

/**
 * The gateways of this deployment, from {@code ductor.bus.gateways} ({@code <transport>.<agent>} entries,
 * e.g. {@code tg.main}): the topology declares an outbound queue for each, and the orchestrator addresses
 * what belongs to no chat (the command menu, start notices) to them.
 */
public record Gateways(List<Address> all) {

    public record Address(String transport, String agent) {}

    public Gateways {
        all = List.copyOf(all);
    }

    public static Gateways parse(List<String> entries) {
        return new Gateways(entries.stream()
                .map(entry -> {
                    String[] parts = entry.strip().split("\\.", 2);
                    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        throw new IllegalArgumentException(
                                "ductor.bus.gateways entries are <transport>.<agent>, got " + entry);
                    }
                    return new Address(parts[0], parts[1]);
                })
                .toList());
    }

    /** The gateways of one transport ({@code tg}, {@code mx}). */
    public List<Address> of(String transport) {
        return all.stream().filter(a -> a.transport().equals(transport)).toList();
    }
}
