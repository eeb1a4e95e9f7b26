package dev.ductor.orchestrator.named;

import dev.ductor.model.Button;
import dev.ductor.model.ButtonData;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.SelectorMessage;
import dev.ductor.orchestrator.reply.SelectorMessage.View;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code /sessions} (behaviour §2.14): the chat's active named sessions, each with an {@code End} button,
 * then Refresh and (for two or more) End All ({@code nsc:*} callbacks). Ending stops the session's run
 * (its end is reported as cancelled) and marks it {@code ended}. The selector is one message, edited in
 * place.
 */
@Component
public class SessionsSelector {

    public static final String CALLBACK_PREFIX = ButtonData.NAMED_SESSIONS;

    private static final Logger log = LoggerFactory.getLogger(SessionsSelector.class);

    private final NamedSessions sessions;
    private final NamedRuns runs;
    private final SelectorMessage message;
    private final Texts texts;
    private final Clock clock;

    @Autowired
    SessionsSelector(NamedSessions sessions, NamedRuns runs, SelectorMessages selectors, Texts texts) {
        this(sessions, runs, selectors, texts, Clock.systemUTC());
    }

    SessionsSelector(NamedSessions sessions, NamedRuns runs, SelectorMessages selectors, Texts texts, Clock clock) {
        this.sessions = sessions;
        this.runs = runs;
        this.message = selectors.of("nsc", "sessions selector");
        this.texts = texts;
        this.clock = clock;
    }

    public void open(ChatRef chat, String replyTo) {
        message.open(chat, replyTo, view(chat.chatId(), null));
    }

    /** Handles a {@code nsc:*} press: the selector edited with the result as a note, which is returned too. */
    public @Nullable String press(ButtonPressed press) {
        String action = press.data().substring(CALLBACK_PREFIX.length());
        long chatId = press.chat().chatId();
        String note;
        if (action.equals("r")) {
            note = null;
        } else if (action.equals("endall")) {
            int count = endAll(chatId);
            note = count > 0 ? texts.t("sessions.ended_all_one", "count", count) : texts.t("sessions.ended_all_none");
        } else if (action.startsWith("end:")) {
            String name = action.substring(4);
            note = end(chatId, name)
                    ? texts.t("sessions.ended_one", "name", name)
                    : texts.t("sessions.ended_not_found", "name", name);
        } else {
            log.warn("Unknown session selector callback {}", press.data());
            note = texts.t("sessions.unknown_action");
        }
        message.update(press, view(chatId, note));
        return note;
    }

    /** Ends one session: its run stopped, the session {@code ended}; false when it was not active. */
    boolean end(long chatId, String name) {
        runs.cancel(chatId, name);
        return sessions.end(chatId, name);
    }

    /** Ends every active session of the chat; how many. */
    public int endAll(long chatId) {
        int count = 0;
        for (NamedSession session : sessions.active(chatId)) {
            if (end(chatId, session.name())) {
                count++;
            }
        }
        return count;
    }

    View view(long chatId, @Nullable String note) {
        List<NamedSession> active = sessions.active(chatId);
        if (active.isEmpty()) {
            String body = note == null ? texts.t("sessions.empty") : note + "\n\n" + texts.t("sessions.empty");
            return new View(
                    Texts.fmt(texts.t("sessions.header"), Texts.SEP, body, Texts.SEP, texts.t("sessions.start_hint")),
                    List.of());
        }
        List<String> lines = new ArrayList<>();
        List<List<Button>> rows = new ArrayList<>();
        lines.add(texts.t("sessions.named_header"));
        double now = clock.millis() / 1000.0;
        int index = 0;
        for (NamedSession s : active) {
            index++;
            String msgs = s.messageCount() == 1 ? "1 msg" : s.messageCount() + " msgs";
            lines.add("  " + index + ". **" + s.name() + "** | " + s.provider() + "/" + s.model() + " | " + s.status()
                    + " (" + msgs + ", " + age(now - s.createdAt()) + ")");
            lines.add("     > _" + s.promptPreview() + "_");
            rows.add(List.of(
                    new Button(texts.t("sessions.btn_end", "name", s.name()), CALLBACK_PREFIX + "end:" + s.name())));
        }
        rows.add(List.of(new Button(texts.t("sessions.btn_refresh"), CALLBACK_PREFIX + "r")));
        if (active.size() > 1) {
            rows.add(List.of(new Button(texts.t("sessions.btn_end_all"), CALLBACK_PREFIX + "endall")));
        }
        String info = texts.t("sessions.active_count", "count", active.size()) + (note == null ? "" : "\n" + note);
        return new View(
                Texts.fmt(
                        texts.t("sessions.header"),
                        Texts.SEP,
                        String.join("\n", lines),
                        Texts.SEP,
                        info,
                        texts.t("sessions.followup_hint")),
                rows);
    }

    /** ductor's compact age: seconds, minutes, hours or days. */
    static String age(double seconds) {
        long s = Math.max(0, (long) seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86400) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
