package dev.ductor.systemtests;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a scenario asks of the fakes, per chat: the bot's visible messages, the CLI calls made for it. */
final class ChatScript {

    private ChatScript() {}

    static List<BotMessage> botMessages(FakeTelegram telegram, long chatId) {
        return telegram.chat(chatId).stream().filter(m -> !m.deleted()).toList();
    }

    static List<Invocation> callsFor(FakeCli cli, long chatId) {
        return cli.invocations().stream()
                .filter(call -> String.valueOf(chatId).equals(call.env().get("DUCTOR_CHAT_ID")))
                .toList();
    }

    /** True once every CLI process started for the chat has exited (its turn is really over). */
    static boolean cliProcessesExited(FakeCli cli, long chatId) {
        return callsFor(cli, chatId).stream()
                .allMatch(call ->
                        ProcessHandle.of(call.pid()).map(p -> !p.isAlive()).orElse(true));
    }

    /** A private message update with a fixed message id, for delivering the same message twice. */
    static Map<String, Object> privateMessage(long userId, int messageId, String text) {
        var person = Map.<String, Object>of("id", userId, "is_bot", false, "first_name", "User" + userId);
        return Map.of(
                "message",
                Map.of(
                        "message_id", messageId,
                        "date", Instant.now().getEpochSecond(),
                        "chat", Map.of("id", userId, "type", "private", "first_name", "User" + userId),
                        "from", person,
                        "text", text));
    }
}
