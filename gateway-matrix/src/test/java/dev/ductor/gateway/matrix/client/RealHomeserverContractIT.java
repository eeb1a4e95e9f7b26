package dev.ductor.gateway.matrix.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link HomeserverContract} against a real homeserver (a local Synapse or Conduit), run only when
 * {@code DUCTOR_MATRIX_CONTRACT_HOMESERVER} names it, with two existing accounts:
 * {@code DUCTOR_MATRIX_CONTRACT_BOT} / {@code _BOT_PASSWORD} for the bot and {@code DUCTOR_MATRIX_CONTRACT_PERSON}
 * / {@code _PERSON_PASSWORD} for the person who makes the room. Without them it is skipped with that message.
 */
@EnabledIfEnvironmentVariable(
        named = "DUCTOR_MATRIX_CONTRACT_HOMESERVER",
        matches = "https?://.+",
        disabledReason = "no real homeserver: set DUCTOR_MATRIX_CONTRACT_HOMESERVER, DUCTOR_MATRIX_CONTRACT_BOT,"
                + " DUCTOR_MATRIX_CONTRACT_BOT_PASSWORD, DUCTOR_MATRIX_CONTRACT_PERSON and"
                + " DUCTOR_MATRIX_CONTRACT_PERSON_PASSWORD to run the contract against one")
class RealHomeserverContractIT extends HomeserverContract {

    private static final String CLIENT = "/_matrix/client/v3";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    String homeserver() {
        return env("DUCTOR_MATRIX_CONTRACT_HOMESERVER");
    }

    @Override
    String botUser() {
        return env("DUCTOR_MATRIX_CONTRACT_BOT");
    }

    @Override
    String botPassword() {
        return env("DUCTOR_MATRIX_CONTRACT_BOT_PASSWORD");
    }

    @Override
    Person person() {
        ObjectNode login = mapper.createObjectNode().put("type", "m.login.password");
        login.putObject("identifier").put("type", "m.id.user").put("user", env("DUCTOR_MATRIX_CONTRACT_PERSON"));
        login.put("password", env("DUCTOR_MATRIX_CONTRACT_PERSON_PASSWORD"));
        JsonNode session = call("POST", CLIENT + "/login", null, login);
        String token = session.path("access_token").asString();
        String person = session.path("user_id").asString();
        return new Person() {
            @Override
            public String createRoomInviting(String bot) {
                ObjectNode room = mapper.createObjectNode().put("preset", "private_chat");
                room.putArray("invite").add(bot);
                room.putObject("power_level_content_override")
                        .putObject("users")
                        .put(person, 100)
                        .put(bot, 50);
                return call("POST", CLIENT + "/createRoom", token, room)
                        .path("room_id")
                        .asString();
            }

            @Override
            public String says(String roomId, String body) {
                ObjectNode text =
                        mapper.createObjectNode().put("msgtype", "m.text").put("body", body);
                return call(
                                "PUT",
                                CLIENT + "/rooms/" + encode(roomId) + "/send/m.room.message/" + UUID.randomUUID(),
                                token,
                                text)
                        .path("event_id")
                        .asString();
            }
        };
    }

    private JsonNode call(String method, String path, String token, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(homeserver() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
