package dev.ductor.orchestrator.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.TestMessages;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.command.TestCommands;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A property test written with a seeded {@link Random}: for many random interleavings of messages,
 * {@code /stop}, {@code /interrupt}, "Cancel message" presses and runs ending, in one chat, through the
 * real pipeline ({@link ReceivingMessage}, {@link Conversations}, the {@code /stop} and {@code /interrupt}
 * commands), no message runs twice, none runs after it was discarded or cancelled, turns
 * start in the order their messages came, and in the end every message ran, was discarded or was
 * cancelled, and every delivery — messages and commands — settled exactly once.
 */
class QueueInterleavingsTest {

    private static final ChatRef CHAT = TestMessages.chat(77);

    /** Everything one interleaving observed. */
    private static final class World {
        final Conversations conversations = new Conversations();
        final List<Integer> started = new ArrayList<>();
        final Set<Integer> discarded = new HashSet<>();
        final Set<Integer> cancelled = new HashSet<>();
        final Map<Integer, Integer> acks = new HashMap<>();
        final List<Integer> commands = new ArrayList<>();
        final Map<String, Integer> runs = new HashMap<>();
        final ReceivingMessage receiving;

        World() {
            TurnJournal journal = mock(TurnJournal.class);
            Authorizer authorizer = mock(Authorizer.class);
            when(authorizer.allows(any(dev.ductor.model.InboundMessage.class))).thenReturn(true);
            SessionStore sessions = mock(SessionStore.class);
            when(sessions.get(any())).thenReturn(Optional.empty());
            QueueIndicators indicators = mock(QueueIndicators.class);
            doAnswer(call -> discarded.add(index(call.getArgument(0))))
                    .when(indicators)
                    .discarded(any());
            StartingTurn startingTurn = mock(StartingTurn.class);
            doAnswer(call -> {
                        start(call.getArgument(0), call.getArgument(1));
                        return true;
                    })
                    .when(startingTurn)
                    .start(any(), anyString());
            Replies replies = mock(Replies.class);
            Bus bus = mock(Bus.class);
            var guard = mock(dev.ductor.orchestrator.turn.GeminiLogin.class);
            when(guard.refusal(any())).thenReturn(Optional.empty());
            receiving = new ReceivingMessage(
                    journal,
                    authorizer,
                    mock(ConfigStore.class),
                    mock(dev.ductor.orchestrator.chats.RecordingGroupMessages.class),
                    TestCommands.stopAndInterrupt(
                            conversations,
                            journal,
                            sessions,
                            indicators,
                            replies,
                            bus,
                            mock(dev.ductor.orchestrator.run.FinishingTurn.class)),
                    guard,
                    replies,
                    new dev.ductor.orchestrator.turn.AdmittingTurn(
                            conversations, startingTurn, indicators, mock(OrchestratorMetrics.class)),
                    mock(OrchestratorMetrics.class),
                    mock(dev.ductor.orchestrator.turn.RefusingMessage.class));
        }

        void start(PendingMessage pending, String runId) {
            int index = index(pending);
            assertThat(started).as("message %d runs twice", index).doesNotContain(index);
            assertThat(discarded)
                    .as("message %d ran after /stop discarded it", index)
                    .doesNotContain(index);
            assertThat(cancelled)
                    .as("message %d ran after it was cancelled", index)
                    .doesNotContain(index);
            if (!started.isEmpty()) {
                assertThat(index).as("turns start in message order").isGreaterThan(started.getLast());
            }
            started.add(index);
            runs.put(runId, index);
            pending.acker().ack(); // as StartingTurn does once the RunRequest is with the broker
        }

        void send(int index, String text) {
            Acker acker = new Acker() {
                @Override
                public void ack() {
                    acks.merge(index, 1, Integer::sum);
                }

                @Override
                public void requeue() {
                    throw new AssertionError("nothing is requeued here");
                }
            };
            receiving.receive(TestMessages.privateMessage(CHAT.chatId(), String.valueOf(index), text), acker);
        }

        /** The runner ends the running turn (answer, stop or interrupt alike): the next message starts. */
        void finishRun() {
            conversations
                    .activeRun(CHAT)
                    .ifPresent(run ->
                            conversations.complete(CHAT, run).ifPresent(next -> start(next.pending(), next.runId())));
        }

        void cancel(int index) {
            conversations.cancel(CHAT, String.valueOf(index)).ifPresent(pending -> {
                cancelled.add(index);
                pending.acker().ack();
            });
        }

        static int index(PendingMessage pending) {
            return Integer.parseInt(pending.message().transportMessageId());
        }
    }

    @Test
    void noTurnRunsTwiceOrAfterItWasDiscardedAndTurnsFollowMessageOrder() {
        for (long seed = 1; seed <= 400; seed++) {
            var random = new Random(seed);
            var world = new World();
            List<Integer> messages = new ArrayList<>();
            int id = 0;
            for (int step = 0; step < 80; step++) {
                int dice = random.nextInt(100);
                if (dice < 40) {
                    id++;
                    messages.add(id);
                    world.send(id, "prompt " + id);
                } else if (dice < 65) {
                    world.finishRun();
                } else if (dice < 72) {
                    world.commands.add(++id);
                    world.send(id, random.nextBoolean() ? "/stop" : "abbrechen");
                } else if (dice < 80) {
                    world.commands.add(++id);
                    world.send(id, random.nextBoolean() ? "/interrupt" : "esc");
                } else if (!messages.isEmpty()) {
                    world.cancel(messages.get(random.nextInt(messages.size())));
                }
            }
            while (world.conversations.activeRun(CHAT).isPresent()) {
                world.finishRun();
            }

            for (int message : messages) {
                int fates = (world.started.contains(message) ? 1 : 0)
                        + (world.discarded.contains(message) ? 1 : 0)
                        + (world.cancelled.contains(message) ? 1 : 0);
                assertThat(fates)
                        .as("seed %d: message %d ran, was discarded or cancelled, exactly once", seed, message)
                        .isEqualTo(1);
                assertThat(world.acks.getOrDefault(message, 0))
                        .as("seed %d: delivery of message %d settled exactly once", seed, message)
                        .isEqualTo(1);
            }
            for (int command : world.commands) {
                assertThat(world.acks.getOrDefault(command, 0))
                        .as("seed %d: the command in message %d settled exactly once", seed, command)
                        .isEqualTo(1);
            }
            assertThat(world.conversations.waiting(CHAT)).isZero();
        }
    }
}
