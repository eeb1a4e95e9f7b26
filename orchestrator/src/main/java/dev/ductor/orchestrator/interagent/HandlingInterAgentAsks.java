package dev.ductor.orchestrator.interagent;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.RunRequest;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.chats.AgentChats;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.named.NamedSession;
import dev.ductor.orchestrator.named.NamedSessions;
import dev.ductor.orchestrator.reply.Replies;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Another agent's message to this one (behaviour §5.8): run in the deterministic named session kept for the
 * sender ({@link InterAgentSessionNames}) of this agent's default chat ({@link AgentChats}: its first allowed
 * Telegram user; on Matrix the room where that session already lives, else the room an allowed sender talked
 * in last, and before there is one the ask is refused: the broadcast rooms are no conversation), outside that
 * chat's queue, with this agent's model and {@code cli_timeout} (at most 300 s for a synchronous ask, 3600 s for an
 * asynchronous one). An asynchronous ask is announced in that chat unless it is silent or answered to a third
 * agent. The ask's id is kept in the dedup window once its run is on record, so a redelivery runs nothing
 * again; the delivery is settled then.
 */
@Component
public class HandlingInterAgentAsks {

    private static final Logger log = LoggerFactory.getLogger(HandlingInterAgentAsks.class);

    static final int SYNC_MAX_SECONDS = 300;
    static final int ASYNC_MAX_SECONDS = 3600;

    private final NamedSessions sessions;
    private final InterAgentRuns runs;
    private final Replies replies;
    private final ConfigStore config;
    private final AgentChats chats;
    private final ModelRegistry models;
    private final TurnJournal journal;
    private final Clock clock;

    @Autowired
    HandlingInterAgentAsks(
            NamedSessions sessions,
            InterAgentRuns runs,
            Replies replies,
            ConfigStore config,
            AgentChats chats,
            ModelRegistry models,
            TurnJournal journal) {
        this(sessions, runs, replies, config, chats, models, journal, Clock.systemUTC());
    }

    HandlingInterAgentAsks(
            NamedSessions sessions,
            InterAgentRuns runs,
            Replies replies,
            ConfigStore config,
            AgentChats chats,
            ModelRegistry models,
            TurnJournal journal,
            Clock clock) {
        this.sessions = sessions;
        this.runs = runs;
        this.replies = replies;
        this.config = config;
        this.chats = chats;
        this.models = models;
        this.journal = journal;
        this.clock = clock;
    }

    public void receive(InterAgentAsk ask, Acker acker) {
        String key = ask.messageId();
        String runId = InterAgentRun.runId(ask.taskId());
        if (journal.seen(key) || runs.going(runId)) {
            log.info("Inter-agent ask {} was handled already", key);
            acker.ack();
            return;
        }
        if (!ask.async() && !clock.instant().isBefore(ask.deadline())) {
            log.info("Inter-agent ask {} from {} came after its sender stopped waiting; skipped", key, ask.from());
            journal.markSeen(key);
            acker.ack();
            return;
        }
        DuctorConfig current = config.current();
        String session = InterAgentSessionNames.of(ask.from(), ask.source());
        Optional<ChatRef> defaultChat = chats.defaultChat();
        if (defaultChat.isEmpty()) {
            refuse(ask, session, "Agent '" + ask.to() + "' has no allowed user to run it for", acker);
            return;
        }
        if (defaultChat.get().chatId() == ChatRef.BROADCAST) {
            // the broadcast address tells every room, it is no conversation: a session there would be lost
            refuse(
                    ask,
                    session,
                    "Agent '" + ask.to() + "' has no Matrix room yet: someone allowed must write to it there first",
                    acker);
            return;
        }
        ChatRef chat = chatOf(session, defaultChat.get());
        String model = current.model();
        String provider = models.providerOf(model);
        String prompt = InterAgentTexts.prompt(ask);
        NamedSessions.InterAgentSession opened = sessions.interAgent(
                chat, session, provider, model, current.reasoningEffort(), ask.message(), ask.newSession());
        NamedSession named = opened.session();
        int timeout = (int) Math.max(
                1, Math.min(Math.round(current.cliTimeout()), ask.async() ? ASYNC_MAX_SECONDS : SYNC_MAX_SECONDS));
        var request = new RunRequest(
                runId,
                chat,
                named.provider(),
                named.model(),
                named.reasoningEffort().isBlank() ? current.reasoningEffort() : named.reasoningEffort(),
                current.permissionMode(),
                prompt,
                null,
                named.sessionId().isBlank() ? null : named.sessionId(),
                timeout,
                List.copyOf(current.cliParameters().forProvider(named.provider())),
                current.maxTurns(),
                current.maxBudgetUsd());
        var run = new InterAgentRun(
                runId,
                ask,
                session,
                chat,
                opened.providerSwitched() == null
                        ? null
                        : InterAgentTexts.providerSwitchNotice(ask.to(), session, opened.providerSwitched()),
                timeout,
                clock.instant(),
                request,
                null);
        if (ask.async()
                && !ask.silent()
                && (ask.replyTo() == null || ask.replyTo().isBlank())) {
            // before the hand-over, under the ask's own id: sent again after a crash, shown once
            replies.runText(runId, "received", chat, InterAgentTexts.received(ask, session), null);
        }
        try {
            runs.start(run, () -> journal.markSeen(key));
        } catch (RuntimeException e) {
            journal.forget(key, runId);
            throw e;
        }
        acker.ack();
    }

    /**
     * On Matrix, the room where the sender's session already lives, while this agent still talks there: the
     * room talked in last changes as users switch rooms, and the conversation with the sender must not start
     * over in each. Else the default chat.
     */
    private ChatRef chatOf(String session, ChatRef defaultChat) {
        if (Transport.of(defaultChat.transport()) != Transport.MATRIX) {
            return defaultChat;
        }
        return sessions.findActive(defaultChat.transport(), session)
                .map(s -> new ChatRef(s.transport(), defaultChat.agent(), s.chatId(), s.topicId()))
                .filter(chats::mayTalkIn)
                .orElse(defaultChat);
    }

    /** The ask is answered {@code error} and nothing runs; it is handled then. */
    private void refuse(InterAgentAsk ask, String session, String error, Acker acker) {
        log.info("Inter-agent ask {} from {} refused: {}", ask.messageId(), ask.from(), error);
        runs.answer(ask, runs.answerOf(ask, session, "", error, null, null));
        journal.markSeen(ask.messageId());
        acker.ack();
    }
}
