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
 * for an upgrade, how this deployment is upgraded — in containers (Docker Compose, recognised by
 * {@code /.dockerenv}) or as plain jars. The bot never upgrades itself.
 */
@Component
public class ShowingAbout {

    private final ObjectProvider<BuildProperties> build;
    private final Texts texts;
    private final Path containerMarker;

    @Autowired
    ShowingAbout(ObjectProvider<BuildProperties> build, Texts texts) {
        this(build, texts, Path.of("/.dockerenv"));
    }

    ShowingAbout(ObjectProvider<BuildProperties> build, Texts texts, Path containerMarker) {
        this.build = build;
        this.texts = texts;
        this.containerMarker = containerMarker;
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

    public String upgrade() {
        boolean container = Files.exists(containerMarker);
        return Texts.fmt(
                texts.t("upgrade.header"),
                Texts.SEP,
                texts.t(
                        "upgrade.running",
                        "version",
                        version(),
                        "java",
                        Runtime.version().feature()),
                texts.t(container ? "upgrade.compose" : "upgrade.jars"),
                texts.t("upgrade.no_self_upgrade"));
    }

    /** The version of the build, or "unknown (no build-info)". */
    String version() {
        BuildProperties properties = build.getIfAvailable();
        return properties == null ? texts.t("diagnose.version_unknown") : properties.getVersion();
    }
}
