package dev.ductor.orchestrator.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code /upgrade} learns the newest release (behaviour §2.19): {@code releases-url} answers as GitHub's
 * latest-release API does ({@code tag_name}, {@code html_url}), e.g.
 * {@code https://api.github.com/repos/<owner>/<repo>/releases/latest}; empty (the default) means no check.
 * {@code timeout} bounds one ask, {@code cache} how long a found version is reused.
 */
@ConfigurationProperties("ductor.upgrade")
public record UpgradeProperties(
        @DefaultValue("") String releasesUrl,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10m") Duration cache) {}
