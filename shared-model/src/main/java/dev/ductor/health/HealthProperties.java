package dev.ductor.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ductor.health.*}. {@code min-free-space}: below this much free space on the file system of
 * {@code DUCTOR_HOME} the {@code ductorHome} health component is DOWN (state files, the journal and
 * sessions can no longer be written safely).
 */
@ConfigurationProperties("ductor.health")
public record HealthProperties(@DefaultValue("100MB") DataSize minFreeSpace) {}
