package dev.ductor.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's names: a download in work holds its name, so two at once never share a path (behaviour §3.15). */
class MediaStoreTest {

    @TempDir
    Path workspace;

    private final String forwarded = "U1_report.pdf";

    private MediaStore store() {
        return new MediaStore(
                workspace, "telegram_files", Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void twoDownloadsOfTheSameFileAtOnceGetTwoNames() throws Exception {
        MediaStore store = store();

        Path first = store.target(forwarded); // the same forwarded file, in two chats' lanes
        Path second = store.target(forwarded);

        assertThat(second).isNotEqualTo(first);
        assertThat(second.getFileName()).hasToString("U1_report_1.pdf");
        dev.ductor.state.BoundedFiles.write(first, new ByteArrayInputStream("one".getBytes()), 10);
        dev.ductor.state.BoundedFiles.write(second, new ByteArrayInputStream("two".getBytes()), 10);
        store.store(first, "application/pdf", false);
        store.store(second, "application/pdf", false);
        assertThat(Files.readString(first)).isEqualTo("one");
        assertThat(Files.readString(second)).isEqualTo("two");
        assertThat(Files.readString(workspace.resolve("telegram_files/_index.yaml")))
                .contains("total_files: 2");
    }

    @Test
    void aFailedDownloadGivesItsNameBack() {
        MediaStore store = store();

        Path failed = store.target(forwarded);
        store.release(failed);

        assertThat(store.target(forwarded)).isEqualTo(failed);
    }
}
