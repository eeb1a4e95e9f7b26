package dev.ductor.gateway.telegram.inbound;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import dev.ductor.bus.Bus;
import dev.ductor.bus.Traces;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.config.TelegramAllowlist;
import dev.ductor.gateway.telegram.ButtonPresses;
import dev.ductor.gateway.telegram.Notices;
import dev.ductor.gateway.telegram.TelegramProperties;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.gateway.telegram.api.TelegramUnavailableException;
import dev.ductor.lifecycle.PollingThread;
import dev.ductor.media.MediaStore;
import dev.ductor.model.Transport;
import dev.ductor.time.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The getUpdates loop. Its guarantee (docs/design.md, "No message is ever lost" 1): the offset moves past an update only after the
 * broker confirmed its publish, or after it was taken over into the {@link UpdateSpool}, and the same of
 * every update before it; a failed publish is retried with backoff, never skipped. A restart re-reads the unconfirmed updates, whose deterministic message ids let
 * the orchestrator drop the copies. The work of an update (converting, downloading, publishing) runs off
 * this thread in its chat's lane ({@link UpdateLanes}), so a slow file holds back only its own chat.
 */
@Component
class UpdatePolling implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UpdatePolling.class);

    static final String SKIPPED = "Could not process that message. Please send it again.";

    private final TelegramPort telegram;
    private final Bus bus;
    private final TelegramMetrics metrics;
    private final TelegramProperties properties;
    private final String agent;
    private final @Nullable MediaDownloads media;
    private final Supplier<DuctorConfig> config;
    private final @Nullable ButtonPresses presses;
    private final @Nullable Notices notices;
    private final @Nullable UpdateSpool spool;
    private final PollingThread polling = new PollingThread("telegram-poller");
    private final UpdateLanes lanes = new UpdateLanes();
    private volatile @Nullable Instant lastPoll;
    private volatile @Nullable String lastError;

    UpdatePolling(
            TelegramPort telegram,
            Bus bus,
            TelegramMetrics metrics,
            TelegramProperties properties,
            String agent,
            Supplier<DuctorConfig> config) {
        this(telegram, bus, metrics, properties, agent, null, config, null, null, null);
    }

    @Autowired
    UpdatePolling(
            TelegramPort telegram,
            Bus bus,
            TelegramMetrics metrics,
            TelegramProperties properties,
            @Value("${ductor.agent:main}") String agent,
            DuctorHome home,
            ConfigStore config,
            ButtonPresses presses,
            Notices notices) {
        this(
                telegram,
                bus,
                metrics,
                properties,
                agent,
                new MediaDownloads(
                        telegram,
                        new MediaStore(
                                home.workspace(), "telegram_files", Clock.systemUTC(), properties.maxImagePixels()),
                        properties.maxFileSize().toBytes()),
                config::current,
                presses,
                notices,
                new UpdateSpool(home.stateDir("gateway-telegram-" + agent).resolve("updates")));
    }

    /** {@code spool}: where updates are taken over from Telegram; null takes none (the offset waits for each). */
    UpdatePolling(
            TelegramPort telegram,
            Bus bus,
            TelegramMetrics metrics,
            TelegramProperties properties,
            String agent,
            @Nullable MediaDownloads media,
            Supplier<DuctorConfig> config,
            @Nullable ButtonPresses presses,
            @Nullable Notices notices,
            @Nullable UpdateSpool spool) {
        this.spool = spool;
        this.telegram = telegram;
        this.bus = bus;
        this.metrics = metrics;
        this.properties = properties;
        this.agent = agent;
        this.media = media;
        this.config = config;
        this.presses = presses;
        this.notices = notices;
    }

    @Override
    public void start() {
        polling.start(this::run);
    }

    @Override
    public void stop() {
        polling.stop();
        lanes.close();
    }

    @Override
    public boolean isRunning() {
        return polling.started();
    }

    /** The next offset to ask for: confirms exactly the updates whose publish was confirmed, without a gap. */
    int offset() {
        return lanes.offset();
    }

    private void run() {
        BotIdentity bot = identify();
        if (bot == null) {
            return;
        }
        log.info("Polling Telegram as @{} for agent {}", bot.username(), agent);
        UpdateConverter converter = new UpdateConverter(agent, bot, media, config);
        if (spool != null) {
            for (Update update : spool.load()) {
                log.info("Carrying on with update {}, taken over before the restart", update.updateId());
                lanes.resume(laneOf(update), update.updateId(), work(converter, update, true));
            }
        }
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        while (!stopped()) {
            List<Update> batch;
            try {
                // while updates are in work, ask without waiting: only new ones are of interest
                batch = telegram.getUpdates(lanes.offset(), 100, lanes.busy() ? 0 : properties.pollTimeoutSeconds());
                lastPoll = Instant.now();
                lastError = null;
                backoff.reset();
            } catch (TelegramUnavailableException e) {
                lastError = e.getMessage();
                log.warn("{}; retrying in {}", e.getMessage(), backoff.peek());
                pause(backoff.next());
                continue;
            }
            boolean fresh = false;
            for (Update update : batch) {
                if (lanes.handedOut(update.updateId())) {
                    continue; // still in work: Telegram hands it out until the offset moves past it
                }
                String lane = laneOf(update);
                boolean takeOver = spool != null && takesOver(update, lane) && spool.keep(update);
                fresh |= lanes.dispatch(lane, update.updateId(), takeOver, work(converter, update, takeOver));
            }
            if (!fresh && lanes.busy()) {
                try {
                    lanes.awaitProgress(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    polling.interrupted();
                }
            }
        }
    }

    /**
     * Whether {@code update} is taken over from Telegram ({@link UpdateSpool}) so the offset need not wait
     * for it: an allowed sender's update that may be slow (a file to download) or that waits behind one.
     * A stranger's update is never written anywhere.
     */
    private boolean takesOver(Update update, String lane) {
        if (!allowedSender(update)) {
            return false;
        }
        boolean media = update.message() != null && IncomingMedia.of(update.message()) != null;
        return media || lanes.holdsTaken(lane);
    }

    /** The work of one update in its lane; a taken-over update leaves the spool once it is confirmed. */
    private BooleanSupplier work(UpdateConverter converter, Update update, boolean takenOver) {
        return () -> {
            boolean done = handle(converter, update);
            if (done && takenOver && spool != null) {
                spool.remove(update.updateId());
            }
            return done;
        };
    }

    /** A message or button press from a sender the allowlist lets in (the converter's first check). */
    private boolean allowedSender(Update update) {
        Message message = update.message();
        if (message != null && message.from() != null && message.chat() != null) {
            return TelegramAllowlist.allows(
                    config.get(),
                    UpdateConverter.chatType(message.chat()),
                    message.chat().id(),
                    message.from().id());
        }
        CallbackQuery query = update.callbackQuery();
        if (query != null
                && query.from() != null
                && query.maybeInaccessibleMessage() != null
                && query.maybeInaccessibleMessage().chat() != null) {
            var chat = query.maybeInaccessibleMessage().chat();
            return TelegramAllowlist.allows(
                    config.get(),
                    UpdateConverter.chatType(chat),
                    chat.id(),
                    query.from().id());
        }
        return false;
    }

    /**
     * The lane an update is carried out in: its chat's (updates without a chat share one). A stranger's
     * message or press goes in a lane of its own beside the chat's: it is dropped or reported by address only,
     * so it needs no order with the chat's other updates and never waits behind an allowed sender's download.
     */
    private String laneOf(Update update) {
        boolean stranger = (update.message() != null || update.callbackQuery() != null) && !allowedSender(update);
        return (stranger ? "stranger:" : "chat:") + chatOf(update);
    }

    private static long chatOf(Update update) {
        if (update.message() != null && update.message().chat() != null) {
            return update.message().chat().id();
        }
        CallbackQuery query = update.callbackQuery();
        if (query != null
                && query.maybeInaccessibleMessage() != null
                && query.maybeInaccessibleMessage().chat() != null) {
            return query.maybeInaccessibleMessage().chat().id();
        }
        if (update.myChatMember() != null && update.myChatMember().chat() != null) {
            return update.myChatMember().chat().id();
        }
        return 0;
    }

    /**
     * One update, in its chat's lane: converted (downloads included) and published until the broker
     * confirmed it. Whatever it throws — an {@link OutOfMemoryError} from one file included — it is tried
     * once more, then skipped with a log line so the offset moves on (no crash loop on a poison update).
     * False only when the gateway stops first.
     */
    private boolean handle(UpdateConverter converter, Update update) {
        for (int attempt = 1; ; attempt++) {
            try {
                return publishUntilConfirmed(converter, update);
            } catch (Throwable e) { // per-update work must not take the poller or the chat down
                if (attempt >= 2) {
                    log.error("Skipping update {}: it failed twice ({})", update.updateId(), e.toString());
                    metrics.update("failed", "skipped");
                    tellSkipped(update);
                    return true;
                }
                lastError = e.toString();
                log.warn("Update {} failed ({}); trying it once more", update.updateId(), e.toString());
                pause(properties.minBackoff());
                if (stopped()) {
                    return false;
                }
            }
        }
    }

    /**
     * An allowed sender whose message was skipped hears so (a fault never silences a turn, behaviour
     * §3.8); a stranger hears nothing, as always. Best effort: the fault may still be there.
     */
    private void tellSkipped(Update update) {
        var message = update.message();
        if (notices == null || message == null || message.from() == null || message.chat() == null) {
            return;
        }
        try {
            if (!TelegramAllowlist.allows(
                    config.get(),
                    UpdateConverter.chatType(message.chat()),
                    message.chat().id(),
                    message.from().id())) {
                return;
            }
            Long topic = Boolean.TRUE.equals(message.isTopicMessage()) ? message.messageThreadId() : null;
            notices.reply(message.chat().id(), topic, message.messageId(), SKIPPED);
        } catch (Throwable e) {
            log.warn(
                    "Could not tell chat {} that update {} was skipped: {}",
                    message.chat().id(),
                    update.updateId(),
                    e.toString());
        }
    }

    /** When getUpdates last answered, null before the first answer. */
    @Nullable
    Instant lastPoll() {
        return lastPoll;
    }

    @Nullable
    String lastError() {
        return lastError;
    }

    private @Nullable BotIdentity identify() {
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        while (!stopped()) {
            try {
                return telegram.getMe();
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                log.warn("Cannot reach the Telegram Bot API ({}); retrying in {}", e.getMessage(), backoff.peek());
                pause(backoff.next());
            }
        }
        return null;
    }

    private boolean publishUntilConfirmed(UpdateConverter converter, Update update) {
        Converted converted = converter.convert(update);
        if (converted.kind().equals("media_download_failed") && notices != null && update.message() != null) {
            // behaviour §3.8: the user learns the file did not arrive; nothing goes to the agent
            var message = update.message();
            Long topic = Boolean.TRUE.equals(message.isTopicMessage()) ? message.messageThreadId() : null;
            notices.reply(message.chat().id(), topic, message.messageId(), MediaDownloads.FAILED);
        }
        if (converted.contract() == null) {
            log.debug("Skipping unsupported update {} ({})", update.updateId(), converted.kind());
            metrics.update(converted.kind(), "skipped");
            return true;
        }
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        Traces.enter(Traces.newTraceparent());
        try {
            while (!stopped()) {
                try {
                    bus.toOrchestrator(
                            Transport.TELEGRAM.code(),
                            agent,
                            converted.contract(),
                            converted.messageId(),
                            converted.messageId());
                    metrics.update(converted.kind(), "published");
                    try {
                        showAnswer(update);
                    } catch (RuntimeException e) {
                        log.warn("Could not show the answer of button press {}: {}", update.updateId(), e.toString());
                    }
                    return true;
                } catch (AmqpException e) {
                    metrics.update(converted.kind(), "publish_failed");
                    log.warn(
                            "Publishing update {} failed ({}); retrying in {}",
                            update.updateId(),
                            e.getMessage(),
                            backoff.peek());
                    pause(backoff.next());
                }
            }
            return false;
        } finally {
            Traces.clear();
        }
    }

    /** A pressed answer button shows the answer under its message (behaviour §3.13). */
    private void showAnswer(Update update) {
        CallbackQuery query = update.callbackQuery();
        if (presses == null || query == null || query.data() == null) {
            return;
        }
        MaybeInaccessibleMessage source = query.maybeInaccessibleMessage();
        if (source == null || source.chat() == null || source.messageId() == null) {
            return;
        }
        String text = source instanceof Message m ? (m.text() != null ? m.text() : m.caption()) : null;
        presses.pressed(source.chat().id(), source.messageId(), query.data(), text);
    }

    private boolean stopped() {
        return polling.stopped();
    }

    private void pause(Duration duration) {
        polling.pause(duration);
    }
}
