package dev.ductor.orchestrator.status;

import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.reply.Texts;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.stereotype.Component;

/** {@code /memory} (spec §2.11): the content of {@code MAINMEMORY.md}. */
@Component
public class ShowingMemory {

    private final DuctorHome home;

    ShowingMemory(DuctorHome home) {
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
                    "**Main Memory**",
                    Texts.SEP,
                    "Empty. The agent will build memory as you interact.",
                    Texts.SEP,
                    "*Tip: Ask your agent to \"remember\" something to get started.*");
        }
        return Texts.fmt(
                "**Main Memory**",
                Texts.SEP,
                content.strip(),
                Texts.SEP,
                "*Tip: The agent reads and updates this automatically.*");
    }
}
