package dev.ductor.orchestrator.status;

import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /info} and {@code /upgrade} (behaviour §2.4, §2.19): the running version and what the product is;
 * for an upgrade, the newest release ({@link CheckingNewestRelease}) and how this deployment is upgraded — in
 * containers (Docker Compose, recognised by {@code /.dockerenv}) or as plain jars. The bot never upgrades
 * itself.
 */
@Component
public class ShowingAbout {

    private final ObjectProvider<BuildProperties> build;
    private final Texts texts;
    private final Path containerMarker;
    private final CheckingNewestRelease releases;

    @Autowired
    ShowingAbout(ObjectProvider<BuildProperties> build, Texts texts, CheckingNewestRelease releases) {
        this(build, texts, Path.of("/.dockerenv"), releases);
    }

    ShowingAbout(
            ObjectProvider<BuildProperties> build, Texts texts, Path containerMarker, CheckingNewestRelease releases) {
        this.build = build;
        this.texts = texts;
        this.containerMarker = containerMarker;
        this.releases = releases;
    }

    /** {@code /info} for a chat of {@code transport}: on Matrix the product is said to be there (ductor's text). */
    public String info(Transport transport) {
        return Texts.fmt(
                texts.t("info.header"),
                texts.t("info.version_line", "version", version()),
                Texts.SEP,
                texts.t(transport == Transport.MATRIX ? "info.matrix_description" : "info.description"),
                Texts.SEP,
                texts.t("info.more"));
    }

    /** With the newest release, asked of the release source (at most its timeout, then cached). */
    public String upgrade() {
        boolean container = Files.exists(containerMarker);
        String version = version();
        return Texts.fmt(
                texts.t("upgrade.header"),
                Texts.SEP,
                texts.t(
                        "upgrade.running",
                        "version",
                        version,
                        "java",
                        Runtime.version().feature()),
                newest(version),
                texts.t(container ? "upgrade.compose" : "upgrade.jars"),
                texts.t("upgrade.no_self_upgrade"));
    }

    /** "Release notes: {url}" on a line of its own, or nothing when the release has no page. */
    String notes(CheckingNewestRelease.Known known) {
        return known.url().isBlank() ? "" : texts.t("upgrade.notes", "url", known.url());
    }

    private String newest(String running) {
        return switch (releases.newest()) {
            case CheckingNewestRelease.Known known
            when CheckingNewestRelease.isNewer(known.version(), running) ->
                texts.t("upgrade.available", "latest", known.version(), "notes", notes(known));
            case CheckingNewestRelease.Known known -> texts.t("upgrade.up_to_date", "latest", known.version());
            case CheckingNewestRelease.NotConfigured ignored -> texts.t("upgrade.no_source");
            case CheckingNewestRelease.Unreachable ignored -> texts.t("upgrade.unreachable");
        };
    }

    /** The version of the build; empty without build-info. */
    java.util.Optional<String> buildVersion() {
        BuildProperties properties = build.getIfAvailable();
        return java.util.Optional.ofNullable(properties == null ? null : properties.getVersion());
    }

    /** The version of the build, or "unknown (no build-info)". */
    String version() {
        return buildVersion().orElseGet(() -> texts.t("diagnose.version_unknown"));
    }
}
