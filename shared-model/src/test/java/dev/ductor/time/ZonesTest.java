package dev.ductor.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZonesTest {

    @Test
    void jobZoneThenUserZoneThenTzThenHost() {
        var zones = new Zones(Map.of("TZ", "Asia/Kolkata"));
        assertThat(zones.resolve("Europe/Berlin", "Australia/Adelaide")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zones.resolve("", "Australia/Adelaide")).isEqualTo(ZoneId.of("Australia/Adelaide"));
        assertThat(zones.resolve("Not/AZone", "Australia/Adelaide")).isEqualTo(ZoneId.of("Australia/Adelaide"));
        assertThat(zones.resolve(null, "")).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(zones.resolve(null, "nonsense")).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(new Zones(Map.of("TZ", ":Europe/Berlin")).user(null)).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(new Zones(Map.of()).user("")).isEqualTo(ZoneId.systemDefault());
    }
}
