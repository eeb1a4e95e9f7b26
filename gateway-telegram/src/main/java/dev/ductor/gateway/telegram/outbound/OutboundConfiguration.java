package dev.ductor.gateway.telegram.outbound;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.telegram.TelegramProperties;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.state.DeliveredIds;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Path;
import java.time.InstantSource;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the outbound side; its state lives in {@code DUCTOR_HOME/state/gateway-telegram-<agent>/}. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    private final Path stateDir;

    OutboundConfiguration(DuctorHome home, @Value("${ductor.agent:main}") String agent) {
        this.stateDir = home.stateDir("gateway-telegram-" + agent);
    }

    /** The thread every Bot API call of the outbox goes out on. */
    @Bean(destroyMethod = "close")
    ThreadScheduler outboxThread() {
        return new ThreadScheduler("telegram-outbox");
    }

    /** The thread of the coalescer's idle timers, apart so a slow call does not hold back a flush. */
    @Bean(destroyMethod = "close")
    ThreadScheduler coalescerThread() {
        return new ThreadScheduler("telegram-coalescer");
    }

    @Bean(destroyMethod = "close")
    Outbox telegramOutbox(
            TelegramProperties properties,
            TelegramMetrics metrics,
            @Qualifier("outboxThread") ThreadScheduler outboxThread) {
        return new Outbox(
                properties.minBackoff(),
                properties.maxBackoff(),
                metrics.registry(),
                InstantSource.system(),
                outboxThread);
    }

    @Bean
    SentMessages sentMessages(TelegramProperties properties) {
        return new SentMessages(stateDir, properties.deliveredWindow());
    }

    @Bean
    DeliveredIds deliveredIds(TelegramProperties properties) {
        return new DeliveredIds(stateDir, properties.deliveredWindow());
    }

    @Bean
    OutboxNotices outboxNotices(TelegramPort telegram, Outbox outbox) {
        return new OutboxNotices(telegram, outbox);
    }

    @Bean
    AnsweredButtons answeredButtons(TelegramPort telegram, Outbox outbox) {
        return new AnsweredButtons(telegram, outbox);
    }

    @Bean
    Renderer telegramRenderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            ConfigStore config,
            DuctorHome home,
            TelegramMetrics metrics,
            AnsweredButtons answers,
            SendableFiles sendableFiles,
            TelegramProperties properties,
            @Qualifier("coalescerThread") ThreadScheduler coalescerThread) {
        FileTags files = new FileTags(telegram, outbox, sendableFiles, home.workspace());
        return new Renderer(
                telegram,
                outbox,
                sent,
                () -> StreamSettings.of(config.current().streaming()),
                new StreamMetrics(metrics.registry()),
                files,
                answers,
                InstantSource.system(),
                coalescerThread,
                new Drafts(properties.drafts()));
    }

    @Bean
    SendableFiles sendableFiles(ConfigStore config, DuctorHome home) {
        return new SendableFiles(
                () -> config.current().fileAccess(),
                home.workspace(),
                Path.of(System.getProperty("user.home")),
                home.root());
    }

    @Bean
    OutboundCommands outboundCommands(
            TelegramPort telegram,
            Outbox outbox,
            Renderer renderer,
            SentMessages sent,
            DuctorHome home,
            TelegramMetrics metrics,
            SendableFiles sendableFiles,
            AnsweredButtons answers) {
        return new OutboundCommands(
                telegram,
                outbox,
                renderer,
                sent,
                home,
                metrics,
                new CommandMenu(stateDir),
                sendableFiles,
                new Pictures(stateDir.resolve("pictures")),
                answers);
    }

    @Bean
    OutboundListener outboundListener(
            MessageConverter converter, OutboundCommands commands, DeliveredIds delivered, TelegramMetrics metrics) {
        return new OutboundListener(converter, commands, delivered, metrics);
    }
}
