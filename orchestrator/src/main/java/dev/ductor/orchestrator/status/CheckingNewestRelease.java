package dev.ductor.orchestrator.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest release of the product, asked of the configured release source ({@link UpgradeProperties}) when
 * {@code /upgrade} or the background check ({@link NotifyingNewRelease}) wants it (behaviour §2.19): a found
 * version is reused for {@code cache}, a failure for {@code failure-cache}; a source that is not configured,
 * does not answer within {@code timeout}, or answers anything but a release is said so, never guessed.
 */
@Component
class CheckingNewestRelease {

    private static final Logger log = LoggerFactory.getLogger(CheckingNewestRelease.class);

    /** What the source said. */
    sealed interface Newest {}

    /** The newest release, its version without a leading {@code v}, and its page. */
    record Known(String version, String url) implements Newest {}

    record NotConfigured() implements Newest {}

    record Unreachable(String reason) implements Newest {}

    private final UpgradeProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private @Nullable Known cached;
    private Instant cachedAt = Instant.EPOCH;
    private @Nullable Unreachable failed;
    private Instant failedAt = Instant.EPOCH;

    @Autowired
    CheckingNewestRelease(UpgradeProperties properties) {
        this(properties, Clock.systemUTC());
    }

    CheckingNewestRelease(UpgradeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    synchronized Newest newest() {
        String url = properties.releasesUrl().strip();
        if (url.isEmpty()) {
            return new NotConfigured();
        }
        Known known = cached;
        if (known != null && clock.instant().isBefore(cachedAt.plus(properties.cache()))) {
            return known;
        }
        Unreachable failure = failed;
        if (failure != null && clock.instant().isBefore(failedAt.plus(properties.failureCache()))) {
            return failure;
        }
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(properties.timeout())
                            .header("Accept", "application/vnd.github+json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return unreachable("HTTP " + response.statusCode());
            }
            JsonNode release = mapper.readTree(response.body());
            String tag = release.path("tag_name").asString("").strip();
            if (tag.isEmpty()) {
                return unreachable("no tag_name in the answer");
            }
            known = new Known(
                    tag.startsWith("v") ? tag.substring(1) : tag,
                    release.path("html_url").asString(""));
            cached = known;
            cachedAt = clock.instant();
            failed = null;
            return known;
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return unreachable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        }
    }

    private Unreachable unreachable(String reason) {
        log.warn("Cannot learn the newest release: {}", reason);
        failed = new Unreachable(reason);
        failedAt = clock.instant();
        return failed;
    }

    /** Whether {@code newest} is a later version than {@code running}, compared as dotted numbers. */
    static boolean isNewer(String newest, String running) {
        List<Integer> a = numbers(newest);
        List<Integer> b = numbers(running);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return false;
    }

    /** The leading numbers of a version: {@code 0.10.2-SNAPSHOT} is 0, 10, 2. */
    private static List<Integer> numbers(String version) {
        List<Integer> numbers = new ArrayList<>();
        String plain = version.startsWith("v") ? version.substring(1) : version;
        for (String segment : plain.split("\\.")) {
            int end = 0;
            while (end < segment.length() && end < 9 && Character.isDigit(segment.charAt(end))) {
                end++;
            }
            if (end == 0) {
                break;
            }
            numbers.add(Integer.parseInt(segment.substring(0, end)));
            if (end < segment.length()) {
                break;
            }
        }
        return numbers;
    }
}
