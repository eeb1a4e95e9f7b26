package dev.ductor.testkit.modelapi;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One request the fake model API received: which API, the path with query, headers (lower-case), body, answer. */
public record RecordedRequest(
        ModelApi api, String method, String path, Map<String, String> headers, String body, int status, Instant at) {

    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
}
