package dev.ductor.orchestrator.status;

import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.reply.Texts;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.stereotype.Component;

/** {@code /memory} (behaviour §2.11): the content of {@code MAINMEMORY.md}. */
@Component
public class ShowingMemory {

    private final DuctorHome home;
    private final Texts texts;

    ShowingMemory(DuctorHome home, Texts texts) {
        this.texts = texts;
        this.home = home;
    }

    public String memory() {
        var file = home.workspace().resolve("memory_system").resolve("MAINMEMORY.md");
        String content = "";
        try {
            if (Files.isRegularFile(file)) {
                content = Files.readString(file);
            }
        } catch (IOException e) {
            content = "";
        }
        if (content.isBlank()) {
            return Texts.fmt(
                    texts.t("memory.header"),
                    Texts.SEP,
                    texts.t("memory.empty"),
                    Texts.SEP,
                    texts.t("memory.empty_tip"));
        }
        return Texts.fmt(texts.t("memory.header"), Texts.SEP, content.strip(), Texts.SEP, texts.t("memory.filled_tip"));
    }
}
