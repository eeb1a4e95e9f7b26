package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.bus.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LoggedStateFileTest {

    @TempDir
    Path dir;

    /** A change of a map of counters: set a key to a value (idempotent), or remove it (value null). */
    record Put(String key, Integer value) {}

    private final JsonMapper mapper = ContractJson.mapper();

    private LoggedStateFile<LinkedHashMap<String, Integer>, Put> logged() {
        var snapshot = new JsonStateFile<LinkedHashMap<String, Integer>>(
                dir.resolve("state.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Integer.class),
                LinkedHashMap::new);
        return new LoggedStateFile<>(
                snapshot,
                mapper,
                Put.class,
                (map, put) -> {
                    if (put.value() == null) {
                        map.remove(put.key());
                    } else {
                        map.put(put.key(), put.value());
                    }
                },
                LinkedHashMap::size);
    }

    private LoggedStateFile<LinkedHashMap<String, Integer>, Put> file;
    private LinkedHashMap<String, Integer> state;

    /** A start: the snapshot loaded, the log replayed onto it, then opened for changes. */
    private LinkedHashMap<String, Integer> start() {
        file = logged();
        state = file.replay(file.snapshot().load());
        file.open(state);
        return state;
    }

    /** What a restart sees (the state of a second start; this test's changes go on through the first). */
    private LinkedHashMap<String, Integer> restart() {
        var first = file;
        var firstState = state;
        var restarted = start();
        file = first;
        state = firstState;
        return restarted;
    }

    private void change(String key, Integer value) {
        var put = new Put(key, value);
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
        file.append(put, state);
    }

    @Test
    void aChangeIsAnAppendedLineNotARewriteAndSurvivesARestart() throws Exception {
        start();

        change("a", 1);
        change("b", 2);
        change("a", null);

        assertThat(dir.resolve("state.json")).doesNotExist();
        assertThat(Files.readAllLines(file.path())).hasSize(3);
        assertThat(restart()).containsExactly(java.util.Map.entry("b", 2));
        // The restart wrote the state whole and emptied the log.
        assertThat(Files.readString(dir.resolve("state.json"))).contains("\"b\"");
        assertThat(Files.size(file.path())).isZero();
    }

    @Test
    void theStateIsWrittenWholeOnceTheLogHoldsMoreChangesThanTheStateHasEntries() throws Exception {
        start();

        for (int i = 0; i <= LoggedStateFile.MIN_CHANGES; i++) {
            change("k" + (i % 10), i);
        }

        assertThat(Files.size(file.path())).isZero();
        assertThat(file.snapshot().load()).isEqualTo(state);
        change("k0", -1);
        assertThat(Files.readAllLines(file.path())).hasSize(1);
        assertThat(restart()).isEqualTo(state);
    }

    @Test
    void aLastLineCutShortByACrashIsDropped() throws Exception {
        start();
        change("a", 1);
        Files.writeString(file.path(), "{\"key\":\"b\",\"val", StandardOpenOption.APPEND);

        assertThat(restart()).containsExactly(java.util.Map.entry("a", 1));
    }

    @Test
    void changesAlreadyInTheWholeStateAreReplayedHarmlessly() throws Exception {
        start();
        change("a", 1);
        change("b", 2);
        change("a", null);
        // A crash after the state was written whole, before the log was emptied.
        file.snapshot().save(state);

        assertThat(restart()).containsExactly(java.util.Map.entry("b", 2));
    }

    @Test
    void aChangeThatCannotBeWrittenThrowsAndTheNextOneCarriesIt() throws Exception {
        start();
        change("a", 1);
        Path log = file.path();
        Files.delete(log);
        Files.createDirectory(log); // the log can no longer be opened for appending

        assertThatThrownBy(() -> change("b", 2)).isInstanceOf(StateNotWritten.class);

        Files.delete(log);
        change("c", 3);
        assertThat(file.snapshot().load()).containsOnlyKeys("a", "b", "c");
        assertThat(restart()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void anIdWindowKeepsItsNewestAcrossRestartsAndReadsTheFormerWholeFile() throws Exception {
        Files.writeString(dir.resolve("delivered.json"), "[\"m-1\", \"m-2\"]");
        var ids = new DeliveredIds(dir, 3);
        ids.add("m-3");
        ids.add("m-4");

        var again = new DeliveredIds(dir, 3);
        assertThat(List.of("m-1", "m-2", "m-3", "m-4").stream().filter(again::contains))
                .containsExactly("m-2", "m-3", "m-4");
    }
}
