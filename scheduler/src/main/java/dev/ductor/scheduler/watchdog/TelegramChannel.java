package dev.ductor.scheduler.watchdog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the alert's text with a second Telegram bot (its own token, not the bot that went silent) to one
 * chat: {@code sendMessage}, plain text. The token is only in the request's path, never in an error message.
 */
final class TelegramChannel implements AlertChannel {

    private final String apiUrl;
    private final String token;
    private final long chatId;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    TelegramChannel(String apiUrl, String token, long chatId, HttpClient http, Duration timeout) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = token;
        this.chatId = chatId;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("chat_id", chatId, "text", alert.text()));
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token + "/sendMessage"))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("Telegram did not answer (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode reply;
        try {
            reply = json.readTree(answer.body());
        } catch (RuntimeException e) {
            reply = json.createObjectNode();
        }
        if (answer.statusCode() != 200 || !reply.path("ok").asBoolean(false)) {
            throw new IOException("Telegram answered HTTP " + answer.statusCode() + " "
                    + reply.path("description").asString(""));
        }
    }
}
