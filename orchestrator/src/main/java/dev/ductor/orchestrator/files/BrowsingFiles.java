package dev.ductor.orchestrator.files;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonData;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The file browser of {@code /showfiles} (behaviour §2.17): one message, edited in place, listing a folder of
 * the root {@code file_access} allows ({@code all} or {@code home}: the ductor home, otherwise the workspace)
 * with a button per sub-folder ({@code sf:<path>}), {@code << Back}, and "Send me a file from this folder"
 * ({@code sf!<path>}), which asks the agent for a file of that folder as the user's turn; the file then goes
 * out through the gateway's checks like any {@code <file:…>} tag. Hidden entries, {@code __pycache__}, links
 * that lead out of the root and the secrets folder {@code config} are not shown; a path that leaves the root
 * is "not found".
 */
@Component
public class BrowsingFiles {

    public static final String NAVIGATE = ButtonData.FILE_BROWSER;
    public static final String ASK_AGENT = ButtonData.FILE_REQUEST;
    /** Telegram's limit on a button's callback data. */
    static final int MAX_CALLBACK_BYTES = 64;

    private final ConfigStore config;
    private final DuctorHome home;
    private final Replies replies;
    private final Texts texts;
    /** The latest browser message of each chat, the one a press edits. */
    private final Map<ChatRef, String> browsers = new ConcurrentHashMap<>();

    BrowsingFiles(ConfigStore config, DuctorHome home, Replies replies, Texts texts) {
        this.config = config;
        this.home = home;
        this.replies = replies;
        this.texts = texts;
    }

    /** One folder as the browser shows it: its text and buttons. */
    record Page(String text, List<List<Button>> buttons) {}

    public void open(ChatRef chat, String replyTo) {
        String ref = "sf-" + chat.storageKey() + "-" + replyTo;
        browsers.put(chat, ref);
        Page page = page("");
        replies.named(chat, ref, ref + ":show", page.text(), replyTo, page.buttons());
    }

    /**
     * Handles a press: navigation edits the browser; "send me a file" removes its keyboard, posts the request
     * and returns it, to be run as the user's turn.
     */
    public Optional<String> press(ButtonPressed press) {
        String data = press.data();
        String ref = browsers.getOrDefault(press.chat(), "sf-" + press.chat().storageKey());
        String messageId = ref + ":" + press.callbackId();
        if (data.startsWith(ASK_AGENT)) {
            Optional<Path> dir = folder(data.substring(ASK_AGENT.length()));
            if (dir.isEmpty()) {
                Page missing = missing();
                replies.edit(press.chat(), ref, messageId, missing.text(), missing.buttons());
                return Optional.empty();
            }
            Page page = page(data.substring(ASK_AGENT.length()));
            replies.edit(press.chat(), ref, messageId, page.text(), List.of());
            String prompt = texts.t("files.prompt", "dir", dir.get());
            replies.text(press.chat(), prompt, null);
            return Optional.of(prompt);
        }
        Page page = page(data.substring(NAVIGATE.length()));
        replies.edit(press.chat(), ref, messageId, page.text(), page.buttons());
        return Optional.empty();
    }

    Page page(String relative) {
        Optional<Path> dir = folder(relative);
        if (dir.isEmpty()) {
            return missing();
        }
        Path root = root();
        String rel = root.relativize(dir.get()).toString();
        List<Path> entries = entries(dir.get());
        var lines = new ArrayList<String>();
        var folderButtons = new ArrayList<Button>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                lines.add("  " + name + "/");
                String data = NAVIGATE + (rel.isEmpty() ? name : rel + "/" + name);
                if (fits(data)) {
                    folderButtons.add(new Button(name + "/", data));
                }
            }
        }
        for (Path entry : entries) {
            if (!Files.isDirectory(entry)) {
                lines.add("  " + entry.getFileName());
            }
        }
        if (lines.isEmpty()) {
            lines.add(texts.t("files.empty"));
        }
        String shown =
                "`" + (rel.isEmpty() ? root.toString() : root.resolve(rel).toString()) + "/`";
        String text =
                Texts.fmt(texts.t("files.header"), Texts.SEP, shown + "\n\n" + String.join("\n", lines), Texts.SEP);
        var rows = new ArrayList<List<Button>>();
        for (int i = 0; i < folderButtons.size(); i += 3) {
            rows.add(List.copyOf(folderButtons.subList(i, Math.min(folderButtons.size(), i + 3))));
        }
        if (!rel.isEmpty()) {
            Path parent = Path.of(rel).getParent();
            rows.add(List.of(
                    new Button(texts.t("files.btn_back"), NAVIGATE + (parent == null ? "" : parent.toString()))));
        }
        String ask = ASK_AGENT + rel;
        if (fits(ask)) {
            rows.add(List.of(new Button(texts.t("files.btn_send"), ask)));
        }
        return new Page(text, rows);
    }

    private Page missing() {
        return new Page(texts.t("files.not_found"), List.of(List.of(new Button(texts.t("files.btn_back"), NAVIGATE))));
    }

    /** The folder {@code relative} names under the root, symlinks resolved, if it is one and stays inside. */
    Optional<Path> folder(String relative) {
        Path root = root();
        try {
            Path dir = root.resolve(relative.strip()).normalize();
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            Path real = dir.toRealPath();
            if (!real.startsWith(root) || hidden(root, real)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The ductor home or the workspace, as {@code file_access} allows, symlinks resolved. */
    Path root() {
        String access = config.current().fileAccess();
        Path root = "all".equals(access) || "home".equals(access) ? home.root() : home.workspace();
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    private List<Path> entries(Path dir) {
        Path root = root();
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !hidden(root, p) && inside(root, p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether {@code path}, links resolved, stays under the root (a link out of it is not offered). */
    private static boolean inside(Path root, Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** Hidden entries, {@code __pycache__}, and the ductor home's {@code config} (secrets are never offered). */
    private boolean hidden(Path root, Path path) {
        Path rel = root.relativize(path);
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("__pycache__")) {
                return true;
            }
        }
        return path.startsWith(realConfig());
    }

    private Path realConfig() {
        Path config = home.root().resolve("config");
        try {
            return Files.exists(config)
                    ? config.toRealPath()
                    : config.toAbsolutePath().normalize();
        } catch (IOException e) {
            return config.toAbsolutePath().normalize();
        }
    }

    private static boolean fits(String data) {
        return data.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_BYTES;
    }
}
