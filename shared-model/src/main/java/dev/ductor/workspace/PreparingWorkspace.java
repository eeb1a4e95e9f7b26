package dev.ductor.workspace;

import dev.ductor.config.DuctorHome;
import dev.ductor.workspace.PackagedDefaults.Entry;
import dev.ductor.workspace.PackagedDefaults.Zone;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Prepares {@code DUCTOR_HOME} for the CLIs (behaviour §8): {@link #prepare} at every start, idempotent,
 * and {@link #resync} every few seconds after it. The caller says which CLIs are logged in on this
 * machine ({@code claude}, {@code codex}, {@code gemini}).
 */
public final class PreparingWorkspace {

    private static final String SHARED = "SHAREDMEMORY.md";

    private final DuctorHome home;
    private final HomeFiles files;
    private final PackagedDefaults defaults = PackagedDefaults.load();
    private final DeployingRules rules;
    private final SyncingRuleFiles ruleSync;
    private final MirroringSharedMemory sharedMemory;
    private final SyncingSkills skills;
    private final Path sharedMemoryFile;

    /**
     * The main agent's home.
     *
     * @param userHome the home folder of the user the CLIs run as (their {@code ~/.claude/skills}, …)
     * @param codexHome {@code CODEX_HOME} when set, else null for {@code ~/.codex}
     */
    public PreparingWorkspace(DuctorHome home, Path userHome, @Nullable Path codexHome) {
        this(home, home.root().resolve(SHARED), userHome, codexHome);
    }

    /**
     * A sub-agent's home {@code agents/<name>/} (behaviour §5.8): its memory mirrors the main home's {@code
     * SHAREDMEMORY.md}, the one file all agents share (behaviour §8.4); the sub-agent's home gets none of its own.
     */
    public static PreparingWorkspace forSubAgent(
            DuctorHome main, String name, Path userHome, @Nullable Path codexHome) {
        return new PreparingWorkspace(main.agent(name), main.root().resolve(SHARED), userHome, codexHome);
    }

    private PreparingWorkspace(DuctorHome home, Path sharedMemoryFile, Path userHome, @Nullable Path codexHome) {
        this.home = home;
        this.sharedMemoryFile = sharedMemoryFile;
        this.files = new HomeFiles(home.root());
        this.rules = new DeployingRules(files);
        this.ruleSync = new SyncingRuleFiles(files);
        this.sharedMemory = new MirroringSharedMemory(files, defaults.content(new Entry(Zone.SEED_ONCE, SHARED)));
        this.skills = new SyncingSkills(List.of(
                skillsRoot(),
                userHome.resolve(".claude").resolve("skills"),
                (codexHome != null ? codexHome : userHome.resolve(".codex")).resolve("skills"),
                userHome.resolve(".gemini").resolve("skills")));
    }

    /**
     * The whole seeding, in ductor's order (behaviour §8.2): the folders, the seed-once and overwritten
     * files, the rule files of the logged-in CLIs, then the syncs of {@link #resync}.
     */
    public void prepare(Set<String> providers) {
        files.ensureDirectory(home.root());
        for (Entry entry : defaults.entries()) {
            Path path = home.root().resolve(entry.path()).normalize();
            if (entry.path().equals(SHARED) && !path.equals(sharedMemoryFile)) {
                continue; // a sub-agent's memory mirrors the main home's
            }
            switch (entry.zone()) {
                case DIR -> files.ensureDirectory(path);
                case SEED_ONCE -> files.seed(path, defaults.content(entry));
                case OVERWRITE -> files.write(path, defaults.content(entry));
                case TOOL, SCRIPT -> files.writeExecutable(path, defaults.content(entry));
                case RULES -> {
                    if (files.ensureDirectory(path)) {
                        rules.deploy(path, defaults.content(entry), providers);
                    }
                }
            }
        }
        resync(providers);
    }

    /** Rule-file sync (behaviour §8.3), {@code SHAREDMEMORY.md} into the memory (behaviour §8.4) and skill sync (behaviour §8.5). */
    public void resync(Set<String> providers) {
        ruleSync.syncFolder(home.root(), Set.of());
        ruleSync.sync(home.workspace(), providers);
        sharedMemory.mirror(sharedMemoryFile, mainMemory());
        if (files.contained(skillsRoot())) {
            skills.sync(); // never through a workspace/skills that is a link (behaviour §8.2)
        }
    }

    private Path skillsRoot() {
        return home.workspace().resolve("skills");
    }

    private Path mainMemory() {
        return home.workspace().resolve("memory_system").resolve("MAINMEMORY.md");
    }
}
