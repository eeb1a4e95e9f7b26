package dev.ductor.runner.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a CLI executable: first in the configured folders, then on {@code PATH} (like {@code which}). */
public final class ExecutableLocator {

    private final List<Path> searchPath;

    public ExecutableLocator(List<Path> cliDirs, String pathVariable) {
        var dirs = new ArrayList<>(cliDirs);
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
        this.searchPath = List.copyOf(dirs);
    }

    public Optional<Path> find(String name) {
        return searchPath.stream()
                .map(dir -> dir.resolve(name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .map(Path::toAbsolutePath)
                .findFirst();
    }

    public List<Path> searchPath() {
        return searchPath;
    }
}
