package dev.ductor.orchestrator.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code /upgrade} learns the newest release (behaviour §2.19): {@code releases-url} answers as GitHub's
 * latest-release API does ({@code tag_name}, {@code html_url}), e.g.
 * {@code https://api.github.com/repos/<owner>/<repo>/releases/latest}; empty (the default) means no check.
 * {@code timeout} bounds one ask, {@code cache} how long a found version is reused, {@code failure-cache} how
 * long a failed ask is reused (so a dead source holds up {@code /upgrade} once, not at every command), and
 * {@code check-every} how often the orchestrator asks in the background for the update notice.
 */
@ConfigurationProperties("ductor.upgrade")
public record UpgradeProperties(
        @DefaultValue("") String releasesUrl,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10m") Duration cache,
        @DefaultValue("2m") Duration failureCache,
        @DefaultValue("6h") Duration checkEvery) {}
