package dev.ductor.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The closed set of contracts the bus carries, by {@code ductor-type} name. A message whose type is not
 * listed here is never deserialised (the bus's "trusted packages").
 */
public final class Contracts {

    /**
     * The {@code ductor-schema} version every contract is at. 2: {@code StreamAppend} carries a delta at an
     * offset instead of the whole answer so far, {@code RunOutput} its offset, {@code StreamClose} whether
     * its text is the agent's answer. Upgrade all services together from 1.
     */
    public static final int SCHEMA = 2;

    public static final List<Class<? extends Contract>> ALL = List.of(
            InboundMessage.class,
            ButtonPressed.class,
            ChatMembershipChanged.class,
            TopicRenamed.class,
            WebhookFired.class,
            CronFired.class,
            HeartbeatTick.class,
            TaskRequested.class,
            InterAgentAsk.class,
            InterAgentAnswer.class,
            RunRequest.class,
            RunStarted.class,
            RunOutput.class,
            RunHeartbeat.class,
            RunFinished.class,
            RunnerStatus.class,
            CancelRun.class,
            CancelAll.class,
            RestartRequested.class,
            ControlAgent.class,
            SendText.class,
            PinMessage.class,
            StreamOpen.class,
            StreamAppend.class,
            StreamStatus.class,
            StreamClose.class,
            EditText.class,
            DeleteMessage.class,
            SendFile.class,
            ChatAction.class,
            LeaveChat.class,
            AcknowledgePress.class,
            SyncCommands.class,
            OfferProviders.class);

    /**
     * Earlier names of renamed contracts, still read so that a service of the previous version can take
     * part during a rolling upgrade (it cannot read the new name: upgrade the readers first).
     */
    private static final Map<String, Class<? extends Contract>> FORMER_NAMES =
            Map.of("AnswerButton", AcknowledgePress.class);

    private static final Map<String, Class<? extends Contract>> BY_NAME = Stream.concat(
                    ALL.stream().map(type -> Map.<String, Class<? extends Contract>>entry(type.getSimpleName(), type)),
                    FORMER_NAMES.entrySet().stream())
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private Contracts() {}

    public static String typeOf(Contract contract) {
        return contract.getClass().getSimpleName();
    }

    public static Optional<Class<? extends Contract>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
