package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.SyncCommands;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The command menu last set in Telegram (persisted), so {@code setMyCommands} goes out only on a change. */
final class CommandMenu {

    private final Path file;

    CommandMenu(Path stateDir) {
        this.file = stateDir.resolve("commands.txt");
    }

    boolean changed(List<SyncCommands.BotCommand> commands) {
        try {
            return !Files.exists(file) || !Files.readString(file).equals(text(commands));
        } catch (IOException e) {
            return true;
        }
    }

    void synced(List<SyncCommands.BotCommand> commands) {
        AtomicFiles.write(file, text(commands).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(List<SyncCommands.BotCommand> commands) {
        return commands.stream()
                .map(c -> c.command() + "\t" + c.description().replace('\n', ' '))
                .collect(Collectors.joining("\n"));
    }
}
