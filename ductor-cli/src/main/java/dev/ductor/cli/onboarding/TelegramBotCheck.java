package dev.ductor.cli.onboarding;

import dev.ductor.cli.Cancelled;
import dev.ductor.cli.Console;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
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

    /** What a bot token looks like: the bot's id, a colon, and at least 30 letters, digits, _ or -. */
    static final Pattern TOKEN = Pattern.compile("^\\d{8,}:[A-Za-z0-9_-]{30,}$");

    /**
     * Asks for a token until one has the right form and Telegram accepts it, explaining each refusal; the
     * end of the input cancels.
     */
    public String askUntilValid(Console console, String prompt) {
        while (true) {
            String token = console.ask(prompt).orElseThrow(Cancelled::new);
            if (!TOKEN.matcher(token).matches()) {
                console.println(
                        "That is not a bot token: expected at least 8 digits, a colon and at least 30 letters, digits,"
                                + " _ or - (e.g. 123456789:ABC-xyz...). Try again.");
                continue;
            }
            Outcome outcome = check(token);
            if (outcome.valid()) {
                console.println("Token accepted: this is @" + outcome.botUsername() + ".");
                return token;
            }
            console.println(outcome.problem());
        }
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
