package dev.ductor.orchestrator.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** Behaviour §2.17: the file browser of {@code /showfiles}. */
class BrowsingFilesTest {

    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, null);

    @TempDir
    Path tmp;

    private final Replies replies = mock(Replies.class);
    private DuctorHome home;
    private Path root;

    @BeforeEach
    void home() throws IOException {
        home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.workspace().resolve("output_to_user"));
        Files.createDirectories(home.workspace().resolve("Memory_system"));
        Files.createDirectories(home.workspace().resolve(".git"));
        Files.createDirectories(home.workspace().resolve("__pycache__"));
        Files.writeString(home.workspace().resolve("b.txt"), "b");
        Files.writeString(home.workspace().resolve("A.md"), "a");
        Files.writeString(home.workspace().resolve(".hidden"), "h");
        Files.writeString(home.workspace().resolve("output_to_user/report.pdf"), "%PDF");
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[1]}");
        Files.createSymbolicLink(home.workspace().resolve("escape"), tmp);
        root = home.workspace().toRealPath();
    }

    private BrowsingFiles browser(String fileAccess) throws IOException {
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[1],\"file_access\":\"" + fileAccess + "\"}");
        return new BrowsingFiles(
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()), home, replies, Texts.english());
    }

    @Test
    void listsTheWorkspaceFoldersFirstSortedWithoutHiddenEntries() throws IOException {
        var page = browser("workspace").page("");

        assertThat(page.text())
                .isEqualTo("**File Browser**\n\n───\n\n`" + root + "/`\n\n"
                        + "  Memory_system/\n  output_to_user/\n  A.md\n  b.txt\n\n───");
        assertThat(page.buttons())
                .containsExactly(
                        List.of(
                                new Button("Memory_system/", "sf:Memory_system"),
                                new Button("output_to_user/", "sf:output_to_user")),
                        List.of(new Button("Send me a file from this folder", "sf!")));
    }

    @Test
    void aSubFolderHasBackAndItsOwnRequest() throws IOException {
        var page = browser("workspace").page("output_to_user");

        assertThat(page.text()).contains("`" + root.resolve("output_to_user") + "/`\n\n  report.pdf");
        assertThat(page.buttons())
                .containsExactly(
                        List.of(new Button("<< Back", "sf:")),
                        List.of(new Button("Send me a file from this folder", "sf!output_to_user")));
    }

    @Test
    void pathsOutsideTheRootOrHiddenAreNotFound() throws IOException {
        var browser = browser("workspace");

        for (String path : List.of("..", "../config", "escape", ".git", "/etc", "missing")) {
            assertThat(browser.page(path).text()).as(path).isEqualTo("Directory not found.");
            assertThat(browser.page(path).buttons()).containsExactly(List.of(new Button("<< Back", "sf:")));
        }
    }

    @Test
    void withHomeAccessTheDuctorHomeIsShownButNeverItsConfig() throws IOException {
        var browser = browser("home");

        assertThat(browser.page("").text()).contains("  workspace/").doesNotContain("config");
        assertThat(browser.page("config").text()).isEqualTo("Directory not found.");
    }

    @Test
    void theRequestButtonRemovesTheKeyboardPostsThePromptAndIsTheUsersTurn() throws IOException {
        var browser = browser("workspace");
        browser.open(CHAT, "7");

        var prompt = browser.press(new ButtonPressed(CHAT, "private", 1, "cb1", "100", "sf!output_to_user"));

        String expected = "List all files in " + root.resolve("output_to_user")
                + "/ and send me whichever one I ask for. Deliver files using file tags.";
        assertThat(prompt).contains(expected);
        verify(replies).edit(eq(CHAT), eq("sf-tg:42-7"), eq("sf-tg:42-7:cb1"), anyString(), eq(List.of()));
        verify(replies).text(CHAT, expected, null);
    }

    @Test
    void navigationEditsTheBrowserInPlace() throws IOException {
        var browser = browser("workspace");
        browser.open(CHAT, "7");
        verify(replies).named(eq(CHAT), eq("sf-tg:42-7"), eq("sf-tg:42-7:show"), anyString(), eq("7"), any());

        assertThat(browser.press(new ButtonPressed(CHAT, "private", 1, "cb2", "100", "sf:output_to_user")))
                .isEmpty();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<List<Button>>> buttons = ArgumentCaptor.forClass(List.class);
        verify(replies).edit(eq(CHAT), eq("sf-tg:42-7"), eq("sf-tg:42-7:cb2"), anyString(), buttons.capture());
        assertThat(buttons.getValue().getFirst()).containsExactly(new Button("<< Back", "sf:"));
    }

    @Test
    void aFolderWhoseButtonWouldNotFitTelegramsLimitIsListedWithoutOne() throws IOException {
        String longName = "x".repeat(70);
        Files.createDirectories(home.workspace().resolve(longName));

        var page = browser("workspace").page("");

        assertThat(page.text()).contains("  " + longName + "/");
        assertThat(page.buttons().stream().flatMap(List::stream))
                .noneMatch(b -> b.data().contains(longName));
        verify(replies, org.mockito.Mockito.never()).text(any(), anyString(), isNull());
    }
}
