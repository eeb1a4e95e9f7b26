package dev.ductor.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ductor's time-zone chain (behaviour §6.1): the job's own IANA zone, else {@code user_timezone}, else the
 * host's ({@code $TZ}, then the JVM's default, which reads {@code /etc/localtime}), else UTC. A name that
 * is not a valid zone counts as unset.
 */
public final class Zones {

    private final Map<String, String> env;

    public Zones(Map<String, String> env) {
        this.env = env;
    }

    /** The chain with this process's environment ({@code $TZ}). */
    public static Zones host() {
        return new Zones(System.getenv());
    }

    public ZoneId resolve(@Nullable String jobZone, @Nullable String userZone) {
        ZoneId zone = parse(jobZone);
        if (zone == null) {
            zone = user(userZone);
        }
        return zone;
    }

    /** The user's zone: {@code user_timezone}, else the host's, else UTC. */
    public ZoneId user(@Nullable String userZone) {
        ZoneId zone = parse(userZone);
        if (zone == null) {
            zone = parse(env.get("TZ"));
        }
        if (zone == null) {
            try {
                zone = ZoneId.systemDefault();
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
        }
        return zone;
    }

    static @Nullable ZoneId parse(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(name.trim().startsWith(":") ? name.trim().substring(1) : name.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
