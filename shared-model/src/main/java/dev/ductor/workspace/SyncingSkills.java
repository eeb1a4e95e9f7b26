package dev.ductor.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares skill folders between the workspace's {@code skills/} and the CLIs' own skill folders (behaviour
 * §8.5). Every skill found in one of the roots is linked into the others, from its canonical copy: the
 * real folder in the first root by priority (workspace, claude, codex, gemini). A real folder or a
 * user's own link is never replaced; links of ours whose target is gone are removed. Hidden folders
 * ({@code .x}) and {@code __x} folders are not skills. A CLI's skill folder is created only when a skill
 * is to be linked into it and that CLI's own folder ({@code ~/.claude}, …) exists.
 */
final class SyncingSkills {

    private static final Logger log = LoggerFactory.getLogger(SyncingSkills.class);

    /** The skill roots, highest priority first; the first is the workspace's. */
    private final List<Path> roots;

    SyncingSkills(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    void sync() {
        List<Path> present = roots.stream().filter(Files::isDirectory).toList();
        List<Path> targets = new ArrayList<>(present);
        roots.stream().skip(1).filter(SyncingSkills::creatable).forEach(targets::add);
        present.forEach(this::removeBrokenLinks);
        Set<String> names = new LinkedHashSet<>();
        present.forEach(root -> names.addAll(skills(root)));
        for (String name : names) {
            Optional<Path> canonical = present.stream()
                    .map(root -> root.resolve(name))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .findFirst();
            if (canonical.isEmpty()) {
                continue; // only links: someone else's arrangement
            }
            for (Path root : targets) {
                Path link = root.resolve(name);
                if (!HomeFiles.exists(link)) {
                    try {
                        Files.createDirectories(root);
                        Files.createSymbolicLink(link, canonical.get());
                    } catch (IOException | UnsupportedOperationException e) {
                        log.warn("Cannot link skill {} into {}: {}", name, root, e.toString());
                    }
                }
            }
        }
    }

    /** A CLI's skill folder that is missing while the CLI's own folder exists: made when a skill needs it. */
    private static boolean creatable(Path root) {
        Path parent = root.getParent();
        return !HomeFiles.exists(root) && parent != null && Files.isDirectory(parent);
    }

    private List<String> skills(Path root) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("__") && Files.isDirectory(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list the skills in {}: {}", root, e.toString());
        }
        return names;
    }

    /** Removes links whose target is gone and pointed into another skill root (those are ours). */
    private void removeBrokenLinks(Path root) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (HomeFiles.isLink(entry) && !Files.exists(entry) && ours(entry)) {
                    Files.delete(entry);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot clean the skill links in {}: {}", root, e.toString());
        }
    }

    private boolean ours(Path link) throws IOException {
        Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        return roots.stream().anyMatch(root -> !root.equals(link.getParent()) && target.startsWith(root));
    }
}
