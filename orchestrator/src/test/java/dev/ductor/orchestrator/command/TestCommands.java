package dev.ductor.orchestrator.command;

import static org.mockito.Mockito.mock;

import dev.ductor.bus.Bus;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.agents.ControllingAgents;
import dev.ductor.orchestrator.chats.GroupCommands;
import dev.ductor.orchestrator.chats.PostingJoinNotification;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.cron.CronSelector;
import dev.ductor.orchestrator.files.BrowsingFiles;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.lifecycle.Restarting;
import dev.ductor.orchestrator.models.ChoosingModel;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.models.SwitchingModel;
import dev.ductor.orchestrator.named.SessionsSelector;
import dev.ductor.orchestrator.named.StartingNamedSession;
import dev.ductor.orchestrator.named.StoppingNamedSessions;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.FinishingTurn;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.status.ShowingAbout;
import dev.ductor.orchestrator.status.ShowingDiagnostics;
import dev.ductor.orchestrator.status.ShowingMemory;
import dev.ductor.orchestrator.status.ShowingStatus;
import dev.ductor.orchestrator.status.ShowingWelcome;
import dev.ductor.orchestrator.task.TasksSelector;
import java.util.List;

/** Registries of real commands for tests outside this package. */
public final class TestCommands {

    private TestCommands() {}

    /** Every command of the bot, their collaborators mocked except {@code texts} and {@code replies}. */
    static ChatCommands all(Texts texts, Replies replies) {
        var metrics = mock(OrchestratorMetrics.class);
        var controlling = new ControllingAgents((dev.ductor.agents.SubAgentContexts) null, mock(Bus.class), texts);
        var conversations = new Conversations();
        var bus = mock(Bus.class);
        var resetting = mock(ResettingSession.class);
        var groups = mock(GroupCommands.class);
        var stop = new StopCommand(
                conversations,
                mock(TurnJournal.class),
                mock(SessionStore.class),
                mock(QueueIndicators.class),
                replies,
                bus,
                mock(FinishingTurn.class),
                texts,
                metrics,
                mock(StoppingNamedSessions.class));
        var named = mock(StartingNamedSession.class);
        return new ChatCommands(
                List.of(
                        new StartCommand(mock(ShowingWelcome.class), mock(PostingJoinNotification.class), replies),
                        new NewCommand(resetting),
                        new ResetCommand(resetting),
                        stop,
                        new InterruptCommand(conversations, replies, bus, texts, metrics),
                        new StopAllCommand(
                                stop,
                                replies,
                                bus,
                                texts,
                                metrics,
                                new dev.ductor.orchestrator.agents.CountingRuns(conversations, null)),
                        new ModelCommand(mock(ChoosingModel.class), mock(SwitchingModel.class), replies),
                        new StatusCommand(mock(ShowingStatus.class), replies),
                        new MemoryCommand(mock(ShowingMemory.class), replies),
                        new CronCommand(mock(CronSelector.class)),
                        new SessionCommand(named),
                        new SessionsCommand(mock(SessionsSelector.class)),
                        new TasksCommand(mock(TasksSelector.class)),
                        new NamedFollowUpCommand(named),
                        new WhereCommand(groups, replies),
                        new LeaveCommand(groups, replies),
                        new ShowFilesCommand(mock(BrowsingFiles.class)),
                        new InfoCommand(mock(ShowingAbout.class), replies),
                        new DiagnoseCommand(mock(ShowingDiagnostics.class), replies),
                        new UpgradeCommand(mock(ShowingAbout.class), replies),
                        new RestartCommand(mock(Restarting.class)),
                        new AgentsCommand(mock(dev.ductor.orchestrator.agents.ListingAgents.class), replies),
                        new AgentCommandsCommand(texts, replies),
                        new AgentControlCommand.Start(controlling, replies),
                        new AgentControlCommand.Stop(controlling, replies),
                        new AgentControlCommand.Restart(controlling, replies),
                        new DirectiveOnlyCommand(mock(ModelRegistry.class), replies, texts)),
                texts,
                replies);
    }

    /** {@code /stop} and {@code /interrupt} (with their words), plus the help and unknown-command answers. */
    public static ChatCommands stopAndInterrupt(
            Conversations conversations,
            TurnJournal journal,
            SessionStore sessions,
            QueueIndicators indicators,
            Replies replies,
            Bus bus,
            FinishingTurn finishing) {
        Texts texts = Texts.english();
        var metrics = mock(OrchestratorMetrics.class);
        return new ChatCommands(
                List.of(
                        new StopCommand(
                                conversations,
                                journal,
                                sessions,
                                indicators,
                                replies,
                                bus,
                                finishing,
                                texts,
                                metrics,
                                mock(StoppingNamedSessions.class)),
                        new InterruptCommand(conversations, replies, bus, texts, metrics)),
                texts,
                replies);
    }
}
