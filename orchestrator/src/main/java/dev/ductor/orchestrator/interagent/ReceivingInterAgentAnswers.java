package dev.ductor.orchestrator.interagent;

import dev.ductor.bus.Bus;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.orchestrator.chats.AgentChats;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.task.Injection;
import dev.ductor.orchestrator.task.TaskInjections;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The answer of this agent's asynchronous ask to another (behaviour §5.8, or of an ask that named this agent
 * as {@code reply_to}): a provider switch of the recipient, and a session it had to start anew, are told first; a success is injected into this
 * agent's session of the chat that asked (its default chat, {@link AgentChats}, when the ask named none the
 * agent may talk in, or the answer is a {@code reply_to}'s) as a turn of that chat, through the background tasks' injections (recorded
 * in {@code task-injections.json} before it is admitted, so a crash admits it again once), and the agent's
 * answer is shown there; a failure is told to that chat, with no injection. A Matrix agent no allowed sender
 * has talked to yet has no such chat: its broadcast rooms are told the result text, as ductor, and no turn
 * runs (the broadcast address is no conversation). Under the answer's own message
 * id, kept in the dedup window, a redelivery changes nothing.
 */
@Component
public class ReceivingInterAgentAnswers {

    private static final Logger log = LoggerFactory.getLogger(ReceivingInterAgentAnswers.class);

    private final TaskInjections injections;
    private final Replies replies;
    private final AgentChats chats;
    private final TurnJournal journal;
    private final Bus bus;
    private final Clock clock;

    @Autowired
    ReceivingInterAgentAnswers(
            TaskInjections injections, Replies replies, AgentChats chats, TurnJournal journal, Bus bus) {
        this(injections, replies, chats, journal, bus, Clock.systemUTC());
    }

    ReceivingInterAgentAnswers(
            TaskInjections injections, Replies replies, AgentChats chats, TurnJournal journal, Bus bus, Clock clock) {
        this.injections = injections;
        this.replies = replies;
        this.chats = chats;
        this.journal = journal;
        this.bus = bus;
        this.clock = clock;
    }

    public void receive(InterAgentAnswer answer, Acker acker) {
        String key = answer.messageId();
        if (journal.seen(key)) {
            log.info("Inter-agent answer {} was handled already", key);
            acker.ack();
            return;
        }
        String me = bus.topology().agent();
        Optional<ChatRef> chat = chat(answer, me);
        if (chat.isEmpty()) {
            log.warn("Inter-agent answer {}: agent {} has no chat to tell it in; dropped", key, me);
            journal.markSeen(key);
            acker.ack();
            return;
        }
        String id = InterAgentRun.runId(answer.taskId());
        if (answer.providerSwitchNotice() != null) {
            replies.runText(
                    id, "switch", chat.get(), InterAgentTexts.providerSwitch(answer.providerSwitchNotice()), null);
        }
        if (answer.recoveryNotice() != null) {
            replies.runText(id, "recovered", chat.get(), answer.recoveryNotice(), null);
        }
        if (answer.success() && chat.get().chatId() == ChatRef.BROADCAST) {
            // no room talked in yet: the broadcast rooms are told the result, as ductor; no turn runs there
            replies.runText(id, "result", chat.get(), answer.text(), null);
            journal.markSeen(key);
            log.info("Inter-agent answer {} from {} broadcast: no room to inject it in", key, answer.recipient());
        } else if (answer.success()) {
            // journaled when its turn is handed over; until then task-injections.json holds it
            injections.inject(
                    new Injection(key, chat.get(), id, InterAgentTexts.injection(answer, me), clock.instant()));
            log.info(
                    "Inter-agent answer {} from {} injected into {}",
                    key,
                    answer.recipient(),
                    chat.get().storageKey());
        } else {
            replies.runText(id, "failed", chat.get(), InterAgentTexts.failed(answer), null);
            journal.markSeen(key);
            log.info("Inter-agent ask {} to {} failed: {}", answer.taskId(), answer.recipient(), answer.error());
        }
        acker.ack();
    }

    /**
     * The chat that asked, when this agent asked from one it may talk in ({@link AgentChats#mayTalkIn}: the
     * chat a tool's environment names is checked, not believed); else its default chat.
     */
    private Optional<ChatRef> chat(InterAgentAnswer answer, String me) {
        ChatRef source = answer.source();
        if (source != null && answer.from().equals(me) && source.chatId() != ChatRef.BROADCAST) {
            var asked = new ChatRef(source.transport(), me, source.chatId(), source.topicId());
            if (chats.mayTalkIn(asked)) {
                return Optional.of(asked);
            }
            log.warn(
                    "Inter-agent answer {}: the asking chat {} is none this agent talks in; told in its default chat",
                    answer.messageId(),
                    asked.storageKey());
        }
        return chats.defaultChat();
    }
}
