package dev.ductor.orchestrator.automation;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.HeartbeatTick;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.time.QuietHours;
import dev.ductor.time.Zones;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A heartbeat tick (behaviour §6.3): each allowed user's private chat and each enabled group target (without
 * its own interval) gets a silent check-in turn that resumes its CLI session — unless the chat is busy,
 * has no session (none is ever created for this), its session is on another provider than the current
 * one, the user was active within {@code cooldown_minutes}, or the target's own quiet hours apply. The
 * chat counts as busy while the check-in runs, so the user's messages queue behind it.
 */
@Component
class CheckingIn {

    private static final Logger log = LoggerFactory.getLogger(CheckingIn.class);
    private static final Zones ZONES = Zones.host();

    private final ConfigStore config;
    private final TurnJournal journal;
    private final Conversations conversations;
    private final SessionStore sessions;
    private final AutomationRuns runs;
    private final Bus bus;
    private final AutomationMetrics metrics;
    private final Clock clock;

    CheckingIn(
            ConfigStore config,
            TurnJournal journal,
            Conversations conversations,
            SessionStore sessions,
            AutomationRuns runs,
            Bus bus,
            AutomationMetrics metrics) {
        this.config = config;
        this.journal = journal;
        this.conversations = conversations;
        this.sessions = sessions;
        this.runs = runs;
        this.bus = bus;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    private record Target(
            ChatRef chat,
            String prompt,
            String ackToken,
            @Nullable Integer quietStart,
            @Nullable Integer quietEnd) {}

    void tick(HeartbeatTick tick, Acker acker) {
        String key = tick.messageId();
        if (journal.seen(key)) {
            acker.ack();
            return;
        }
        DuctorConfig current = config.current();
        if (current.heartbeat().enabled()) {
            for (Target target : targets(current, tick.target())) {
                visit(target, current, tick);
            }
        }
        journal.markSeen(key);
        acker.ack();
    }

    /**
     * The chats a tick visits: for the global loop's, every allowed user's private chat and the group targets
     * without an interval of their own; for a target's own loop, that target if it is still configured so.
     */
    private List<Target> targets(DuctorConfig current, @Nullable ChatRef loop) {
        var heartbeat = current.heartbeat();
        List<Target> targets = new ArrayList<>();
        if (loop == null) {
            for (ChatRef chat : Broadcast.allowedUsers(current, bus.topology().agent())) {
                targets.add(new Target(chat, heartbeat.prompt(), heartbeat.ackToken(), null, null));
            }
        }
        for (var group : heartbeat.groupTargets()) {
            boolean ownLoop = group.intervalMinutes() != null;
            boolean inThisLoop = loop == null
                    ? !ownLoop
                    : ownLoop && group.chatId() == loop.chatId() && Objects.equals(group.topicId(), loop.topicId());
            if (group.enabled() && group.chatId() != 0 && inThisLoop) {
                targets.add(new Target(
                        new ChatRef("tg", bus.topology().agent(), group.chatId(), group.topicId()),
                        group.prompt() == null || group.prompt().isBlank() ? heartbeat.prompt() : group.prompt(),
                        group.ackToken() == null || group.ackToken().isBlank()
                                ? heartbeat.ackToken()
                                : group.ackToken(),
                        group.quietStart(),
                        group.quietEnd()));
            }
        }
        return targets;
    }

    private void visit(Target target, DuctorConfig current, HeartbeatTick tick) {
        ChatRef chat = target.chat();
        String skipped = skipReason(target, current);
        if (skipped != null) {
            log.debug("Heartbeat for {} skipped: {}", chat.storageKey(), skipped);
            metrics.heartbeatCheck(skipped);
            return;
        }
        var session = sessions.get(chat).orElseThrow();
        String runId =
                "hb-" + chat.storageKey().replace(':', '_') + "-" + tick.at().getEpochSecond();
        var request = new RunRequest(
                runId,
                chat,
                session.provider(),
                session.model(),
                current.reasoningEffort(),
                current.permissionMode(),
                target.prompt(),
                null,
                session.active().sessionId(),
                current.timeouts().normal(),
                current.cliParameters().forProvider(session.provider()),
                current.maxTurns(),
                current.maxBudgetUsd());
        runs.add(new AutomationRun(
                runId,
                "heartbeat",
                chat.storageKey(),
                "Heartbeat",
                List.of(chat),
                session.provider(),
                null,
                target.ackToken(),
                false,
                current.timeouts().normal(),
                clock.instant()));
        conversations.resume(chat, runId);
        try {
            bus.toRunners(request, runId);
        } catch (RuntimeException e) {
            log.warn("Heartbeat for {} not handed to the runners: {}", chat.storageKey(), e.toString());
            runs.remove(runId);
            conversations.complete(chat, runId);
            metrics.heartbeatCheck("publish_failed");
            return;
        }
        metrics.heartbeatCheck("ran");
        log.info("Heartbeat check-in {} for {} handed to the runners", runId, chat.storageKey());
    }

    private @Nullable String skipReason(Target target, DuctorConfig current) {
        ChatRef chat = target.chat();
        if (conversations.busy(chat) || runs.runningIn(chat)) {
            return "busy";
        }
        var session = sessions.get(chat);
        if (session.isEmpty() || session.get().active().sessionId() == null) {
            return "no_session";
        }
        if (!session.get().provider().equals(current.provider())) {
            return "other_provider";
        }
        Duration idle = Duration.between(session.get().lastActive(), clock.instant());
        if (idle.compareTo(Duration.ofMinutes(current.heartbeat().cooldownMinutes())) < 0) {
            return "cooldown";
        }
        int hour = clock.instant().atZone(ZONES.user(current.userTimezone())).getHour();
        if (QuietHours.quiet(target.quietStart(), target.quietEnd(), hour)) {
            return "quiet";
        }
        return null;
    }
}
