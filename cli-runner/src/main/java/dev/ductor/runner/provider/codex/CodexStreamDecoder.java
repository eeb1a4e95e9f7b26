package dev.ductor.runner.provider.codex;

import static dev.ductor.runner.provider.JsonLines.text;

import dev.ductor.runner.provider.JsonLines;
import dev.ductor.runner.provider.StreamDecoder;
import dev.ductor.runner.provider.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Codex's {@code exec --json} JSONL (behaviour §4.3): {@code thread.started} gives the session (thread) id,
 * agent messages are text only on {@code item.completed}, tools only on {@code item.started},
 * {@code turn.completed} / {@code turn.failed} end the turn; a turn that completes without any answer or
 * tool, or a stream that ends without {@code turn.*}, is the error "Codex failed before producing a final
 * response" (behaviour §4.3). Thinking filter: an agent message is held back
 * and dropped when a tool call follows it (it was thinking aloud), flushed by anything else.
 */
final class CodexStreamDecoder implements StreamDecoder {

    private @Nullable String threadId;
    private @Nullable String pending;
    private final List<String> emitted = new ArrayList<>();
    private boolean usedTools;
    private @Nullable String lastError;

    static final String NO_FINAL_RESPONSE = "Codex failed before producing a final response.";

    @Override
    public List<StreamEvent> decode(String line) {
        return JsonLines.object(line).map(this::decode).orElse(List.of());
    }

    @Override
    public List<StreamEvent> finish() {
        return flush();
    }

    @Override
    public String silentExitError() {
        return lastError == null ? NO_FINAL_RESPONSE : NO_FINAL_RESPONSE + " " + lastError;
    }

    private List<StreamEvent> decode(JsonNode event) {
        JsonNode item = event.path("item");
        return switch (text(event, "type", "")) {
            case "thread.started" -> {
                threadId = text(event, "thread_id");
                yield threadId == null ? List.of() : List.of(new StreamEvent.SessionStarted(threadId));
            }
            case "item.started" -> {
                String tool = toolName(item);
                if (tool == null) {
                    yield List.of();
                }
                pending = null;
                usedTools = true;
                yield List.of(new StreamEvent.ToolUse(tool));
            }
            case "item.completed" -> completed(item);
            case "error" -> {
                noteError(event);
                yield List.of();
            }
            case "turn.completed" -> {
                List<StreamEvent> events = new ArrayList<>(flush());
                JsonNode usage = event.path("usage");
                long tokens = usage.path("input_tokens").asLong(0)
                        + usage.path("output_tokens").asLong(0);
                boolean silent = emitted.isEmpty() && !usedTools;
                events.add(new StreamEvent.Result(
                        threadId, String.join("\n", emitted), silent, silent ? silentExitError() : null, 0, tokens, 0));
                yield events;
            }
            case "turn.failed" -> {
                List<StreamEvent> events = new ArrayList<>(flush());
                String message = text(
                        event.path("error"), "message", Objects.requireNonNullElse(lastError, "Codex turn failed"));
                events.add(new StreamEvent.Result(threadId, String.join("\n", emitted), true, message, 0, 0, 0));
                yield events;
            }
            default -> List.of();
        };
    }

    private List<StreamEvent> completed(JsonNode item) {
        return switch (text(item, "type", "")) {
            case "agent_message" -> {
                List<StreamEvent> events = flush();
                String text = text(item, "text", "");
                if (!text.isEmpty()) {
                    pending = text;
                }
                yield events;
            }
            case "error" -> {
                noteError(item);
                yield List.of();
            }
            case "reasoning" -> {
                List<StreamEvent> events = new ArrayList<>(flush());
                events.add(new StreamEvent.Status("thinking"));
                yield events;
            }
            default -> List.of();
        };
    }

    private void noteError(JsonNode node) {
        String message = text(node, "message");
        if (message != null) {
            lastError = message;
        }
    }

    private List<StreamEvent> flush() {
        String text = pending;
        pending = null;
        if (text == null) {
            return List.of();
        }
        emitted.add(text);
        return List.of(new StreamEvent.Text(text));
    }

    private static @Nullable String toolName(JsonNode item) {
        return switch (text(item, "type", "")) {
            case "command_execution" -> "Bash";
            case "file_change" -> "Edit";
            case "web_search" -> "WebSearch";
            case "todo_list" -> "TodoWrite";
            case "mcp_tool_call" -> {
                String name = text(item, "name");
                if (name == null) {
                    name = text(item, "tool_name");
                }
                yield name == null ? "MCP" : name;
            }
            default -> null;
        };
    }
}
