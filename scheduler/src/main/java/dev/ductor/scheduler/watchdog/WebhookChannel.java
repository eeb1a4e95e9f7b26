package dev.ductor.scheduler.watchdog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs the alert as JSON — {@code {"event": "down"|"recovered", "text": …, "problems": […], "since": …}} —
 * to the owner's URL; accepted on a 2xx answer. The URL may carry a secret (many chat services put the key
 * in the path), so it is in no log line or error message.
 */
final class WebhookChannel implements AlertChannel {

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookChannel(URI url, HttpClient http, Duration timeout) {
        this.url = url;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", alert.event());
        body.put("text", alert.text());
        body.put("problems", alert.problems());
        body.put("since", alert.since().toString());
        HttpResponse<Void> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException("the webhook did not answer (" + e.getClass().getSimpleName() + ")");
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + answer.statusCode());
        }
    }
}
