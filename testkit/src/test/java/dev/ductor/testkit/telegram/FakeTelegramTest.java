package dev.ductor.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FakeTelegramTest {

    private static final String TOKEN = "123456:TEST-token";
    private final FakeTelegram fake = FakeTelegram.start(TOKEN);
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @AfterEach
    void stop() {
        fake.close();
    }

    private Response call(String method, String json) {
        return call(TOKEN, method, json);
    }

    private Response call(String token, String method, String json) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/bot" + token + "/" + method))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), mapper.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, JsonNode body) {}

    @Test
    void wrongTokenIsUnauthorized() {
        Response response = call("1:wrong", "getMe", "{}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("description").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void offsetConfirmsAndDropsEarlierUpdates() {
        fake.sendUserMessage(42, 7, "one");
        fake.sendUserMessage(42, 7, "two");

        JsonNode first = call("getUpdates", "{\"timeout\":0}").body().path("result");
        assertThat(first).hasSize(2);
        long firstId = first.get(0).path("update_id").asLong();
        assertThat(first.get(1).path("message").path("text").asString()).isEqualTo("two");

        JsonNode again = call("GETUPDATES", "{\"offset\":" + (firstId + 1) + ",\"timeout\":0}")
                .body()
                .path("result");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).path("message").path("text").asString()).isEqualTo("two");
        assertThat(fake.confirmedOffset()).isEqualTo(firstId + 1);
    }

    @Test
    void longPollBlocksUntilAnUpdateArrives() throws Exception {
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> call("getUpdates", "{\"timeout\":10}"));
        fake.awaitRequests("getMe", 0, Duration.ofSeconds(1));
        assertThat(poll).isNotDone();
        fake.sendUserMessage(42, 7, "wake up");
        Response response = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.body()
                        .path("result")
                        .get(0)
                        .path("message")
                        .path("text")
                        .asString())
                .isEqualTo("wake up");
    }

    @Test
    void longPollReturnsEmptyAfterTimeout() {
        Response response = call("getUpdates", "{\"timeout\":1}");
        assertThat(response.body().path("result")).isEmpty();
    }

    @Test
    void editWithSameTextIsNotModified() {
        int id = call("sendMessage", "{\"chat_id\":42,\"text\":\"hello\",\"reply_parameters\":{\"message_id\":3}}")
                .body()
                .path("result")
                .path("message_id")
                .asInt();
        Response same = call("editMessageText", "{\"chat_id\":42,\"message_id\":" + id + ",\"text\":\"hello\"}");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body().path("description").asString()).startsWith("Bad Request: message is not modified");

        assertThat(call("editMessageText", "{\"chat_id\":42,\"message_id\":" + id + ",\"text\":\"hello!\"}")
                        .status())
                .isEqualTo(200);
        assertThat(call("editMessageText", "{\"chat_id\":42,\"message_id\":999,\"text\":\"x\"}")
                        .body()
                        .path("description")
                        .asString())
                .isEqualTo("Bad Request: message to edit not found");
        BotMessage message = fake.chat(42).getFirst();
        assertThat(message.text()).isEqualTo("hello!");
        assertThat(message.editCount()).isEqualTo(1);
        assertThat(message.replyTo()).isEqualTo(3);
    }

    @Test
    void emptyAndTooLongTextsAreRejected() {
        assertThat(call("sendMessage", "{\"chat_id\":42,\"text\":\"\"}")
                        .body()
                        .path("description")
                        .asString())
                .isEqualTo("Bad Request: message text is empty");
        String tooLong = "x".repeat(4097);
        assertThat(call("sendMessage", "{\"chat_id\":42,\"text\":\"" + tooLong + "\"}")
                        .body()
                        .path("description")
                        .asString())
                .isEqualTo("Bad Request: message is too long");
    }

    @Test
    void formEncodedBodiesAreAccepted() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/bot" + TOKEN + "/sendMessage"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "chat_id=-100&message_thread_id=5&text=hi%20there&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22A%22%2C%22callback_data%22%3A%22a%22%7D%5D%5D%7D"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        BotMessage message = fake.chat(-100).getFirst();
        assertThat(message.text()).isEqualTo("hi there");
        assertThat(message.threadId()).isEqualTo(5L);
        assertThat(message.buttons()).containsExactly(java.util.List.of(new FakeButton("A", "a")));
    }

    @Test
    void rateLimitsAnswer429WithRetryAfter() {
        fake.enforceRateLimits(true);
        int ok = 0;
        Response limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            Response response = call("sendMessage", "{\"chat_id\":42,\"text\":\"m" + i + "\"}");
            if (response.status() == 429) {
                limited = response;
            } else {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(limited).isNotNull();
        assertThat(limited.body().path("parameters").path("retry_after").asInt())
                .isPositive();
        assertThat(limited.body().path("description").asString()).startsWith("Too Many Requests: retry after ");
        assertThat(fake.rateLimited429Count()).isEqualTo(1);
    }

    @Test
    void pressingAButtonQueuesTheCallbackQueryTelegramWouldSend() {
        call(
                "sendMessage",
                "{\"chat_id\":-100,\"message_thread_id\":5,\"text\":\"queued\",\"reply_markup\":"
                        + "{\"inline_keyboard\":[[{\"text\":\"Cancel message\",\"callback_data\":\"mq:7\"}]]}}");
        int messageId = fake.chat(-100).getFirst().id();

        String id = fake.pressButton(-100, messageId, 42, "Cancel message");

        JsonNode query = call("getUpdates", "{}").body().path("result").get(0).path("callback_query");
        assertThat(query.path("id").asString()).isEqualTo(id);
        assertThat(query.path("data").asString()).isEqualTo("mq:7");
        assertThat(query.path("from").path("id").asLong()).isEqualTo(42);
        assertThat(query.path("message").path("message_id").asInt()).isEqualTo(messageId);
        assertThat(query.path("message").path("chat").path("id").asLong()).isEqualTo(-100);
        assertThat(query.path("message").path("message_thread_id").asLong()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.pressButton(-100, messageId, 42, "Other"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void injectedUpdatesAndFilesAreServed() throws Exception {
        fake.injectUpdate(Map.of("callback_query", Map.of("id", "cb1", "data", "x")));
        assertThat(call("getUpdates", "{}")
                        .body()
                        .path("result")
                        .get(0)
                        .path("callback_query")
                        .path("id")
                        .asString())
                .isEqualTo("cb1");
        fake.registerFile("f1", "docs/a.txt", "content".getBytes());
        String path = call("getFile", "{\"file_id\":\"f1\"}")
                .body()
                .path("result")
                .path("file_path")
                .asString();
        var download = http.send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/file/bot" + TOKEN + "/" + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("content");
    }

    @Test
    void htmlIsCheckedAndShownAsPlainText() {
        Response ok = call(
                "sendMessage",
                "{\"chat_id\":42,\"parse_mode\":\"HTML\",\"text\":\"<b>bold</b> &lt;x&gt; <a href=\\\"https://e.x\\\">link</a>\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(fake.chat(42).getFirst().text()).isEqualTo("bold <x> link");
        assertThat(fake.chat(42).getFirst().source()).startsWith("<b>bold</b>");

        for (String bad : new String[] {"<b>open", "<i>x</b>", "a < b", "<div>x</div>", "fish & chips"}) {
            Response response =
                    call("sendMessage", "{\"chat_id\":42,\"parse_mode\":\"HTML\",\"text\":\"" + bad + "\"}");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.body().path("description").asString())
                    .as(bad)
                    .startsWith("Bad Request: can't parse entities");
        }
    }

    @Test
    void draftsAreRefusedUntilOfferedThenShownUntilTheMessageOrTheirLifetimeEnds() {
        String draft = "{\"chat_id\":42,\"draft_id\":7,\"text\":\"Thinking about it\"}";
        assertThat(call("sendMessageDraft", draft).status()).isEqualTo(404); // a Bot API without the method

        var clock = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        fake.clock(() -> java.time.Instant.ofEpochMilli(clock.get())).offerDrafts(true);
        assertThat(call("sendMessageDraft", draft).status()).isEqualTo(200);
        assertThat(call("sendMessageDraft", "{\"chat_id\":-5,\"draft_id\":7,\"text\":\"x\"}")
                        .status())
                .isEqualTo(400); // private chats only
        assertThat(call("sendMessageDraft", "{\"chat_id\":42,\"draft_id\":0,\"text\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(fake.visible(42)).singleElement().satisfies(m -> {
            assertThat(m.id()).isZero();
            assertThat(m.text()).isEqualTo("Thinking about it");
        });
        clock.addAndGet(FakeTelegram.DRAFT_LIFETIME.toMillis() + 1);
        assertThat(fake.draft(42)).isEmpty(); // a preview Telegram drops after 30 s

        call("sendMessageDraft", draft);
        call("sendMessage", "{\"chat_id\":42,\"text\":\"Done.\"}");
        assertThat(fake.visible(42))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Done."));
    }
}
