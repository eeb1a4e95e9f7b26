package dev.ductor.cli.onboarding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks Telegram's {@code getMe} (at the configured {@code telegram_api_url}) whether a bot token is valid. */
public final class TelegramBotCheck {

    /** The answer: the bot's username when the token works, otherwise why not, in words for the user. */
    public record Outcome(boolean valid, String botUsername, String problem) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String apiUrl;

    public TelegramBotCheck(String apiUrl) {
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
    }

    public Outcome check(String token) {
        HttpResponse<String> response;
        try {
            var request = HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token + "/getMe"))
                    .timeout(Duration.ofSeconds(15))
                    .GET()
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(
                    false,
                    "",
                    "Could not reach Telegram at " + apiUrl + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "). Check the network and try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "", "Interrupted while asking Telegram.");
        }
        if (response.statusCode() == 401 || response.statusCode() == 404) {
            return new Outcome(
                    false,
                    "",
                    "Telegram does not know this token (" + response.statusCode()
                            + "). Copy it again from @BotFather.");
        }
        try {
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() == 200 && body.path("ok").asBoolean(false)) {
                return new Outcome(true, body.path("result").path("username").asString(""), "");
            }
            return new Outcome(
                    false,
                    "",
                    "Telegram refused the token (" + response.statusCode() + ": "
                            + body.path("description").asString("no description") + ").");
        } catch (RuntimeException e) {
            return new Outcome(
                    false,
                    "",
                    "Telegram at " + apiUrl + " answered " + response.statusCode()
                            + " with something that is not its API's JSON; is telegram_api_url right?");
        }
    }
}
