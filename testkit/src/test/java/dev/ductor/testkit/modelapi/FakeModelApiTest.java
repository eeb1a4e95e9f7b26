package dev.ductor.testkit.modelapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three dialects on the wire, the script, errors and the recorded requests. */
class FakeModelApiTest {

    private final FakeModelApi api = FakeModelApi.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        api.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                        .header("x-api-key", "sk-fake")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anthropicStreamsThinkingTextAndToolUseBlocks() throws Exception {
        api.script(Reply.text("Hi there").withThinking("Let me think."), Reply.shell("echo hi"));

        var first = post("/v1/messages?beta=true", "{\"model\":\"claude-x\",\"stream\":true}");
        var second = post("/v1/messages?beta=true", "{\"model\":\"claude-x\",\"stream\":true}");

        assertThat(first.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(first.body())
                .startsWith("event: message_start\ndata: {")
                .contains("\"model\":\"claude-x\"")
                .contains("{\"type\":\"thinking_delta\",\"thinking\":\"Let me think.\"}")
                .contains("{\"type\":\"text_delta\",\"text\":\"Hi there\"}")
                .contains("\"stop_reason\":\"end_turn\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(second.body())
                .contains("\"name\":\"Bash\"")
                .contains("\"partial_json\":", "\\\"command\\\":\\\"echo hi\\\"")
                .contains("\"stop_reason\":\"tool_use\"");
        assertThat(api.requests()).extracting(RecordedRequest::api).containsOnly(ModelApi.ANTHROPIC_MESSAGES);
        assertThat(api.requests().getFirst().header("X-Api-Key")).isEqualTo("sk-fake");
    }

    @Test
    void anthropicPacesAnAnswerAsSeveralTextDeltas() throws Exception {
        api.script(Reply.text("abcdefgh").paced(4, Duration.ofMillis(100)));

        long start = System.nanoTime();
        var response = post("/v1/messages?beta=true", "{\"model\":\"claude-x\",\"stream\":true}");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.body())
                .containsSubsequence(
                        "{\"type\":\"text_delta\",\"text\":\"ab\"}",
                        "{\"type\":\"text_delta\",\"text\":\"cd\"}",
                        "{\"type\":\"text_delta\",\"text\":\"ef\"}",
                        "{\"type\":\"text_delta\",\"text\":\"gh\"}");
    }

    @Test
    void openAiResponsesStreamsReasoningMessageAndFunctionCallItems() throws Exception {
        api.script(Reply.text("Done").withThinking("Hmm."), Reply.shell("echo hi"));

        String first = post("/v1/responses", "{\"model\":\"gpt-5.5\"}").body();
        String second = post("/v1/responses", "{\"model\":\"gpt-5.5\"}").body();

        assertThat(first)
                .startsWith("event: response.created\n")
                .contains("\"type\":\"reasoning\"", "\"summary_text\"", "Hmm.")
                .contains("\"type\":\"response.output_text.delta\"", "\"delta\":\"Done\"")
                .contains("event: response.completed\n");
        assertThat(second).contains("\"name\":\"exec_command\"", "\"arguments\":\"{\\\"cmd\\\":\\\"echo hi\\\"}\"");
    }

    @Test
    void geminiStreamsPartsAndAnswersTheRouterWithJson() throws Exception {
        api.script(Reply.shell("echo hi"));

        String stream = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "{}")
                .body();
        String router = post(
                        "/v1beta/models/gemini-3.5-flash-lite:generateContent",
                        "{\"generationConfig\":{\"responseJsonSchema\":{\"properties\":{\"complexity_score\":{}}}}}")
                .body();

        assertThat(stream)
                .startsWith("data: {")
                .contains("\"candidates\":[")
                .contains("\"functionCall\":{\"name\":\"run_shell_command\"")
                .contains("\"finishReason\":\"STOP\"", "\"modelVersion\":\"gemini-2.5-flash\"");
        assertThat(router).contains("complexity_score");
        assertThat(api.requests(ModelApi.GEMINI_STREAM)).hasSize(1);
        assertThat(api.requests(ModelApi.GEMINI_GENERATE)).hasSize(1);
    }

    @Test
    void errorsCarryTheStatusTheDialectsErrorBodyAndRetryAfter() throws Exception {
        api.otherwise(Reply.rateLimited(3));

        var anthropic = post("/v1/messages", "{}");
        var gemini = post("/v1beta/models/m:streamGenerateContent?alt=sse", "{}");
        api.otherwise(Reply.unauthorized());
        var openai = post("/v1/responses", "{}");

        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).hasValue("3");
        assertThat(anthropic.body()).contains("\"rate_limit_error\"");
        assertThat(gemini.body()).contains("\"RESOURCE_EXHAUSTED\"");
        assertThat(openai.statusCode()).isEqualTo(401);
        assertThat(api.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 401);
    }

    @Test
    void theScriptRunsOutIntoTheFallbackAndUnknownPathsAre404() throws Exception {
        api.script(Reply.text("scripted"));

        assertThat(post("/v1/messages", "{}").body()).contains("scripted");
        assertThat(post("/v1/messages", "{}").body()).contains(FakeModelApi.DEFAULT_TEXT);
        assertThat(post("/v1/models", "{}").statusCode()).isEqualTo(404);
        assertThat(api.awaitRequests(3, Duration.ofSeconds(1))).hasSize(3);
        assertThatThrownBy(() -> api.awaitRequests(4, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /v1/models");
    }

    @Test
    void aRuleAnswersEveryRequestOfTheTurnWhosePromptMatchesAheadOfTheScript() throws Exception {
        api.script(Reply.text("scripted"));
        api.onPrompt("book a flight", Reply.shell("echo booked"), Reply.text("Booked."));
        api.onPrompt("task abc123", prompt -> Reply.text("made from: " + prompt.strip()));

        String prompt = "{\"messages\":[{\"role\":\"user\",\"content\":\"please book a flight\"}]}";
        // the turn's follow-up: the tool's result is the last user message, the prompt is still the latest
        String followUp = """
                {"messages":[{"role":"user","content":[{"type":"text","text":"please book a flight"}]},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"booked"}]}]}""";
        String other = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

        assertThat(post("/v1/messages", other).body()).contains("scripted");
        assertThat(post("/v1/messages", prompt).body()).contains("echo booked");
        assertThat(post("/v1/messages", followUp).body()).contains("Booked.");
        assertThat(post("/v1/messages", prompt).body())
                .as("a rule is used once")
                .contains(FakeModelApi.DEFAULT_TEXT);
        assertThat(post("/v1/responses", """
                                {"input":[{"type":"message","role":"user",
                                 "content":[{"type":"input_text","text":"run task abc123"}]}]}""").body()).contains("made from: run task abc123");
        api.onPrompt("gemini asks", Reply.text("Gemini answered."));
        assertThat(post(
                                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"gemini asks\"}]}]}")
                        .body())
                .contains("Gemini answered.");
    }

    @Test
    void anUnusedPortRefusesConnections() {
        String down = FakeModelApi.unusedPortUrl();

        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(URI.create(down + "/v1/messages"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }
}
