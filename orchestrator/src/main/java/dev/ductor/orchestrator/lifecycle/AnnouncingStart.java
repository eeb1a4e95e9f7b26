package dev.ductor.orchestrator.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle notices of behaviour §5.9 when the orchestrator is up: the answer to a {@code /restart}
 * ("Restart completed." in its chat); otherwise, on the very first start or the first start after the
 * machine rebooted, "**Bot Started**" to the chats of {@code notifications.startup_targets} (by default every
 * allowed user on Telegram and the Matrix broadcast rooms, {@link NoticeTargets}). A plain service restart (a
 * crash, a deploy) says nothing. The kind of start comes from {@code DUCTOR_HOME/startup_state.json} and the kernel's
 * boot id.
 */
@Component
class AnnouncingStart {

    private static final Logger log = LoggerFactory.getLogger(AnnouncingStart.class);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    enum Kind {
        FIRST_START,
        SERVICE_RESTART,
        SYSTEM_REBOOT
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(@Nullable String bootId, @Nullable Instant startedAt) {}

    private final RestartSentinel sentinel;
    private final Replies replies;
    private final Texts texts;
    private final NoticeTargets targets;
    private final Path file;
    private final Supplier<@Nullable String> bootId;
    private final Clock clock;
    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Autowired
    AnnouncingStart(RestartSentinel sentinel, Replies replies, Texts texts, DuctorHome home, NoticeTargets targets) {
        this(sentinel, replies, texts, home, targets, AnnouncingStart::kernelBootId, Clock.systemUTC());
    }

    AnnouncingStart(
            RestartSentinel sentinel,
            Replies replies,
            Texts texts,
            DuctorHome home,
            NoticeTargets targets,
            Supplier<@Nullable String> bootId,
            Clock clock) {
        this.sentinel = sentinel;
        this.replies = replies;
        this.texts = texts;
        this.targets = targets;
        this.file = home.root().resolve("startup_state.json");
        this.bootId = bootId;
        this.clock = clock;
    }

    /** Never fails the start: a notice that cannot go out is logged (the sentinel stays for the next start). */
    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        try {
            announceStart();
        } catch (RuntimeException e) {
            log.error("Could not send the start notice", e);
        }
    }

    private void announceStart() {
        String boot = bootId.get();
        Kind kind = kind(previous(), boot);
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(new State(boot, clock.instant())));
        } catch (RuntimeException e) {
            log.warn("Cannot write {}: {}", file, e.toString());
        }
        var restarted = sentinel.read();
        if (restarted.isPresent()) {
            replies.text(restarted.get().chat(), restarted.get().message(), null);
            sentinel.remove();
            return;
        }
        log.info("Start: {}", kind.name().toLowerCase(java.util.Locale.ROOT));
        if (kind == Kind.SERVICE_RESTART) {
            return;
        }
        String notice = kind == Kind.FIRST_START
                ? Texts.fmt(texts.t("startup.first_start_header"), Texts.SEP, texts.t("startup.first_start_body"))
                : Texts.fmt(texts.t("startup.reboot_header"), Texts.SEP, texts.t("startup.reboot_body"));
        for (ChatRef chat : targets.startup()) {
            send(chat, notice);
        }
    }

    private void send(ChatRef chat, String notice) {
        try {
            replies.text(chat, notice, null);
        } catch (RuntimeException e) {
            log.warn("Could not send the start notice to {}: {}", chat.storageKey(), e.toString());
        }
    }

    static Kind kind(@Nullable State previous, @Nullable String boot) {
        if (previous == null) {
            return Kind.FIRST_START;
        }
        if (boot != null && previous.bootId() != null && !boot.equals(previous.bootId())) {
            return Kind.SYSTEM_REBOOT;
        }
        return Kind.SERVICE_RESTART;
    }

    private @Nullable State previous() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return mapper.readValue(Files.readString(file), State.class);
        } catch (IOException | RuntimeException e) {
            log.warn("Unreadable {} ({}); counted as a service restart", file, e.toString());
            return new State(null, null);
        }
    }

    private static @Nullable String kernelBootId() {
        try {
            return Files.readString(BOOT_ID).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
