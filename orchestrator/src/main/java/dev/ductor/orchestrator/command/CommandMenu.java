package dev.ductor.orchestrator.command;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Gateways;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.SyncCommands;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.i18n.Catalogue;
import dev.ductor.orchestrator.i18n.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The bot's command menu (behaviour §2.1): the commands of {@link ChatCommands} that ductor's menu shows, in
 * its order, described in the configured language. Sent to every Telegram gateway at startup and again whenever {@code language}
 * changes in config.json (behaviour §7.3, scenario 76); the gateway calls {@code setMyCommands} only when the
 * menu differs from the one it last set. Matrix has no command menu.
 */
@Component
class CommandMenu {

    private static final Logger log = LoggerFactory.getLogger(CommandMenu.class);

    private final I18n i18n;
    private final ChatCommands registry;
    private final ConfigStore config;
    private final Bus bus;
    private final Gateways gateways;
    /** The language of the menu the gateways last took; null until one did (or after a failure). */
    private final AtomicReference<@Nullable String> syncedLanguage = new AtomicReference<>();

    CommandMenu(I18n i18n, ChatCommands registry, ConfigStore config, Bus bus, Gateways gateways) {
        this.i18n = i18n;
        this.registry = registry;
        this.config = config;
        this.bus = bus;
        this.gateways = gateways;
        config.onChange(current -> {
            if (!java.util.Objects.equals(current.language(), syncedLanguage.get())) {
                log.info("language is now \"{}\"; re-syncing the command menu", current.language());
                sync();
            }
        });
    }

    /** The menu in the configured language. */
    List<SyncCommands.BotCommand> commands() {
        Catalogue catalogue = i18n.catalogue();
        List<SyncCommands.BotCommand> commands = new ArrayList<>();
        for (MenuEntry entry : registry.menu()) {
            String description = catalogue.command(entry.command());
            commands.add(
                    new SyncCommands.BotCommand(entry.command(), description == null ? entry.command() : description));
        }
        return commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void sync() {
        String language = config.current().language();
        List<SyncCommands.BotCommand> commands;
        try {
            commands = commands();
        } catch (RuntimeException e) {
            log.error("Cannot build the command menu; it is not synced", e);
            syncedLanguage.set(null);
            return;
        }
        for (Gateways.Address gateway : gateways.of(Transport.TELEGRAM.code())) {
            try {
                String id = "menu:" + UUID.randomUUID();
                bus.toGateway(
                        gateway.transport(),
                        gateway.agent(),
                        new SyncCommands(gateway.transport(), gateway.agent(), commands),
                        id,
                        id);
            } catch (RuntimeException e) {
                // Not fatal: retried every minute until it goes through.
                log.warn("Could not send the command menu to {}: {}", gateway, e.toString());
                syncedLanguage.set(null);
                return;
            }
        }
        syncedLanguage.set(language);
    }

    /** A menu the broker refused (not reachable at start, say) is sent again until it goes through. */
    @Scheduled(fixedDelay = 60, initialDelay = 60, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    void retryUnsynced() {
        if (!java.util.Objects.equals(syncedLanguage.get(), config.current().language())) {
            sync();
        }
    }
}
