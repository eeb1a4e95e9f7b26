package dev.ductor.orchestrator.command;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.orchestrator.files.BrowsingFiles;
import org.junit.jupiter.api.Test;

/** Behaviour §2.17: {@code /showfiles} and its older name {@code /files} open the browser. */
class ShowFilesCommandTest {

    private final BrowsingFiles files = mock(BrowsingFiles.class);
    private final ShowFilesCommand command = new ShowFilesCommand(files);

    @Test
    void bothNamesOpenTheBrowserAsAReply() {
        assertThat(command.matches(privateMessage(1, "5", "/showfiles@ductor_bot")))
                .isTrue();
        assertThat(command.matches(privateMessage(1, "6", "/FILES"))).isTrue();
        assertThat(command.matches(privateMessage(1, "7", "/filesystem"))).isFalse();

        command.handle(privateMessage(1, "6", "/files"));

        verify(files).open(chat(1), "6");
    }
}
