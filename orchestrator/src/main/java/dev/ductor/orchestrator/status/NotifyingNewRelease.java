package dev.ductor.orchestrator.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.lifecycle.NoticeTargets;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.state.JsonStateFile;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background update check (behaviour §2.19): at start and every {@code ductor.upgrade.check-every} (6 h)
 * the newest release is asked of the release source ({@link CheckingNewestRelease}, whose caches also serve
 * {@code /upgrade}); when it is later than the running version and {@code update_check} is on, the chats of
 * {@code notifications.upgrade_targets} (by default everyone, §5.9's routing, {@link NoticeTargets}) are told
 * once per version. The version told is kept in
 * {@code state/orchestrator/upgrade-notice.json}, written after the notices went to the bus; their message
 * ids derive from the version, so a notice published again after a crash in between is shown once. Only the
 * main agent's orchestrator checks, as in ductor.
 */
@Component
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class NotifyingNewRelease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifyingNewRelease.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Notified(@Nullable String version) {}

    private final CheckingNewestRelease releases;
    private final ShowingAbout about;
    private final ConfigStore config;
    private final NoticeTargets targets;
    private final Replies replies;
    private final Texts texts;
    private final UpgradeProperties properties;
    private final JsonStateFile<Notified> file;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("update-check").daemon(true).factory());

    NotifyingNewRelease(
            CheckingNewestRelease releases,
            ShowingAbout about,
            ConfigStore config,
            NoticeTargets targets,
            Replies replies,
            Texts texts,
            UpgradeProperties properties,
            DuctorHome home) {
        this.releases = releases;
        this.about = about;
        this.config = config;
        this.targets = targets;
        this.replies = replies;
        this.texts = texts;
        this.properties = properties;
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                home.stateDir("orchestrator").resolve("upgrade-notice.json"),
                mapper,
                mapper.getTypeFactory().constructType(Notified.class),
                () -> new Notified(null));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.releasesUrl().isBlank()) {
            log.info("No release source configured (DUCTOR_UPGRADE_RELEASES_URL): no background update check");
            return;
        }
        long every = properties.checkEvery().toMillis();
        timer.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("The background update check failed: {}", e.toString());
        }
    }

    /** Asks for the newest release and tells everyone of a later version not told before. */
    void check() {
        if (!config.current().updateCheck()) {
            return;
        }
        var running = about.buildVersion();
        if (running.isEmpty()
                || !(releases.newest() instanceof CheckingNewestRelease.Known known)
                || !CheckingNewestRelease.isNewer(known.version(), running.get())
                || known.version().equals(file.load().version())) {
            return;
        }
        String notice = Texts.fmt(
                texts.t("upgrade.notice_header"),
                Texts.SEP,
                texts.t(
                        "upgrade.notice_body",
                        "version",
                        running.get(),
                        "latest",
                        known.version(),
                        "notes",
                        about.notes(known)));
        for (ChatRef chat : targets.upgrade()) {
            replies.runText("upgrade-notice-" + known.version(), chat.storageKey(), chat, notice, null);
        }
        file.save(new Notified(known.version()));
        log.info("Told of the new release {} (running {})", known.version(), running.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
