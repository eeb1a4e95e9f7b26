package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only journal of an open stream's text (design "No message is ever lost" 5). */
class StreamJournalTest {

    @TempDir
    Path dir;

    private final LongAdder written = new LongAdder();

    private StreamJournal open() {
        return StreamJournal.open(dir.resolve("streams").resolve("s.journal"), written);
    }

    @Test
    void whatWasSavedIsReadBackRewritesIncluded() {
        StreamJournal journal = open();
        journal.save("Hello");
        journal.save("Hello, world");
        journal.save("Hello, there"); // a rewrite: the sender's newer text wins
        journal.save("Hello, there \uD83D"); // a delta cut inside a surrogate pair
        journal.save("Hello, there \uD83D\uDE00!");

        assertThat(open().text()).isEqualTo("Hello, there \uD83D\uDE00!");
    }

    @Test
    void aTornTailIsCutOffAndTheJournalGoesOnAfterTheLastWholeRecord() throws IOException {
        Path file = dir.resolve("streams").resolve("s.journal");
        StreamJournal journal = open();
        journal.save("first part");
        journal.save("first part, second part");
        long whole = Files.size(file);
        // a crash in the middle of the next record
        Files.write(file, new byte[] {0, 0, 0, 23, 0, 0, 0, 40, 0, 'x'}, StandardOpenOption.APPEND);

        StreamJournal reopened = open();
        assertThat(reopened.text()).isEqualTo("first part, second part");
        assertThat(Files.size(file)).isEqualTo(whole);
        reopened.save("first part, second part, third");
        assertThat(open().text()).isEqualTo("first part, second part, third");
    }

    @Test
    void aRecordWhoseChecksumDoesNotMatchEndsTheJournal() throws IOException {
        Path file = dir.resolve("streams").resolve("s.journal");
        StreamJournal journal = open();
        journal.save("kept");
        long whole = Files.size(file);
        journal.save("kept and lost");
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) whole + 9] ^= 1; // a flipped bit in the second record's text
        Files.write(file, bytes);

        assertThat(open().text()).isEqualTo("kept");
    }

    @Test
    void rewritesAreCompactedSoTheFileStaysNearItsText() throws IOException {
        StreamJournal journal = open();
        String base = "x".repeat(10_000);
        for (int i = 0; i < 200; i++) {
            journal.save(base + i); // each rewrites the tail
            journal.save(base.substring(0, 5_000) + "y".repeat(5_000) + i);
        }
        long size = Files.size(dir.resolve("streams").resolve("s.journal"));
        assertThat(size).isLessThanOrEqualTo(2L * 2 * 10_003 + StreamJournal.SLACK + 2 * 10_003 + 12);
        assertThat(open().text()).isEqualTo(base.substring(0, 5_000) + "y".repeat(5_000) + 199);
    }
}
