package dev.ductor.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which files a gateway may send to a chat, for {@code <file:…>} tags and {@code SendFile} alike (behaviour
 * §3.14; docs/design.md, "Trust boundaries"): the path, symlinks and {@code ..} resolved, must lie in a
 * root {@code file_access} allows ({@code all}: anywhere, {@code home}: the user's home, anything else: the
 * workspace), and it is never a secret — nothing under {@code DUCTOR_HOME/config} (the bot token), no
 * {@code .env}, nothing of the CLIs' credentials ({@code ~/.claude}, {@code ~/.claude.json},
 * {@code ~/.codex}, {@code ~/.gemini}) — whatever {@code file_access} says.
 */
public final class SendableFiles {

    private final Supplier<String> fileAccess;
    private final Path workspace;
    private final Path userHome;
    private final Path ductorHome;

    public SendableFiles(Supplier<String> fileAccess, Path workspace, Path userHome, Path ductorHome) {
        this.fileAccess = fileAccess;
        this.workspace = workspace;
        this.userHome = userHome;
        this.ductorHome = ductorHome;
    }

    public String access() {
        return fileAccess.get();
    }

    /** The file {@code path} (relative to {@code base}) names, or null when it must not be sent. */
    @Nullable
    public Path resolve(Path base, String path) {
        for (char c : path.toCharArray()) {
            if (c < 0x20 && c != '\n') {
                return null;
            }
        }
        Path file = base.resolve(path.strip()).normalize();
        try {
            if (Files.exists(file)) {
                file = file.toRealPath();
            }
            if (secret(file)) {
                return null;
            }
            String access = fileAccess.get();
            if ("all".equals(access)) {
                return file;
            }
            return file.startsWith(real("home".equals(access) ? userHome : workspace)) ? file : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean secret(Path file) throws IOException {
        if (file.getFileName() != null && file.getFileName().toString().equals(".env")) {
            return true;
        }
        Path home = real(userHome);
        List<Path> secrets = List.of(
                real(ductorHome).resolve("config"),
                home.resolve(".claude"),
                home.resolve(".claude.json"),
                home.resolve(".codex"),
                home.resolve(".gemini"));
        return secrets.stream().anyMatch(file::startsWith);
    }

    private static Path real(Path root) throws IOException {
        return Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
    }
}
