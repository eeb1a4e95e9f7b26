package dev.ductor.workspace;

import java.nio.file.Path;

/**
 * Copies {@code SHAREDMEMORY.md} into the agent's {@code MAINMEMORY.md} between two markers (behaviour
 * §8.4): the block is replaced when the shared file changes and removed when it is blank or still the
 * packaged text; the rest of the memory is never touched.
 */
final class MirroringSharedMemory {

    static final String BEGIN = "<!-- SHAREDMEMORY:BEGIN (copied from SHAREDMEMORY.md, edit that file instead) -->";
    static final String END = "<!-- SHAREDMEMORY:END -->";

    private final HomeFiles files;
    private final String packagedText;

    MirroringSharedMemory(HomeFiles files, String packagedText) {
        this.files = files;
        this.packagedText = packagedText;
    }

    void mirror(Path sharedMemory, Path mainMemory) {
        if (!HomeFiles.isPlainFile(mainMemory)) {
            return;
        }
        String memory = HomeFiles.read(mainMemory);
        String shared = HomeFiles.read(sharedMemory).strip();
        String own = withoutBlock(memory);
        String wanted = shared.isEmpty() || shared.equals(packagedText.strip())
                ? own
                : own.stripTrailing() + "\n\n" + BEGIN + "\n" + shared + "\n" + END + "\n";
        if (!wanted.equals(memory)) {
            files.write(mainMemory, wanted);
        }
    }

    private static String withoutBlock(String memory) {
        int begin = memory.indexOf(BEGIN);
        int end = memory.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            return memory;
        }
        String before = memory.substring(0, begin).stripTrailing();
        String after = memory.substring(end + END.length()).strip();
        return after.isEmpty() ? before + "\n" : before + "\n\n" + after + "\n";
    }
}
