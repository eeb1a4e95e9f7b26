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
 * workspace), and it is never a secret — nothing under {@code DUCTOR_HOME/config} (the bot token), not
 * {@code agents.json} nor a sub-agent's {@code agents/<name>/config} (their tokens; behaviour §5.8), from
 * whichever agent's home, no
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
        Path main = mainHome(real(ductorHome));
        Path agents = main.resolve("agents");
        if (file.startsWith(agents)
                && file.getNameCount() > agents.getNameCount() + 1
                && file.getName(agents.getNameCount() + 1).toString().equals("config")) {
            return true; // a sub-agent's config.json (its bot token)
        }
        List<Path> secrets = List.of(
                main.resolve("config"),
                main.resolve("agents.json"),
                home.resolve(".claude"),
                home.resolve(".claude.json"),
                home.resolve(".codex"),
                home.resolve(".gemini"));
        return secrets.stream().anyMatch(file::startsWith);
    }

    /** The main agent's home: a sub-agent's home is {@code <main>/agents/<name>} (behaviour §5.8). */
    private static Path mainHome(Path home) {
        Path parent = home.getParent();
        return parent != null
                        && parent.getFileName() != null
                        && parent.getFileName().toString().equals("agents")
                        && parent.getParent() != null
                ? parent.getParent()
                : home;
    }

    private static Path real(Path root) throws IOException {
        return Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
    }
}
