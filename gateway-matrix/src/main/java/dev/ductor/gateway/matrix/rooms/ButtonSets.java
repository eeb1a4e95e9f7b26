package dev.ductor.gateway.matrix.rooms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one active button set of each room (behaviour §9.6): the bot's message that shows it and the
 * callback data of its options in order. A newer set replaces the older one; an option is taken once,
 * after which the set is gone. Kept in {@code <store>/buttons.json} so a press after a restart still works.
 */
public final class ButtonSets {

    /** The keycap emojis of options 1 to 10; an option beyond 10 can only be typed. */
    public static final List<String> KEYCAPS = List.of(
            "1\uFE0F\u20E3",
            "2\uFE0F\u20E3",
            "3\uFE0F\u20E3",
            "4\uFE0F\u20E3",
            "5\uFE0F\u20E3",
            "6\uFE0F\u20E3",
            "7\uFE0F\u20E3",
            "8\uFE0F\u20E3",
            "9\uFE0F\u20E3",
            "\uD83D\uDD1F");

    /** A room's active set. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ButtonSet(String eventId, List<String> data) {}

    private final JsonStateFile<Map<String, ButtonSet>> file;
    private final Map<String, ButtonSet> sets;

    public ButtonSets(Path store) {
        this.file = StateMaps.file(store.resolve("buttons.json"), ButtonSet.class);
        this.sets = new LinkedHashMap<>(file.load());
    }

    public synchronized void activate(String roomId, ButtonSet set) {
        sets.put(roomId, set);
        file.save(new LinkedHashMap<>(sets));
    }

    /** The option a reaction {@code key} on {@code eventId} picks, if it belongs to the room's active set. */
    public synchronized Optional<String> byReaction(String roomId, String eventId, String key) {
        ButtonSet set = sets.get(roomId);
        int index = KEYCAPS.indexOf(key);
        if (set == null
                || !set.eventId().equals(eventId)
                || index < 0
                || index >= set.data().size()) {
            return Optional.empty();
        }
        return Optional.of(set.data().get(index));
    }

    /** The option a typed message picks: the message is only its number ({@code 2}, {@code 11}). */
    public synchronized Optional<String> byNumber(String roomId, String text) {
        ButtonSet set = sets.get(roomId);
        String typed = text.strip();
        if (set == null || !typed.matches("[1-9][0-9]{0,2}")) {
            return Optional.empty();
        }
        int index = Integer.parseInt(typed) - 1;
        return index < set.data().size() ? Optional.of(set.data().get(index)) : Optional.empty();
    }

    /** The set's message, for the press's {@code transportMessageId}. */
    public synchronized Optional<String> eventId(String roomId) {
        return Optional.ofNullable(sets.get(roomId)).map(ButtonSet::eventId);
    }

    /** The room's set, when it is shown on {@code eventId}, is gone: that message was edited or deleted. */
    public synchronized void retire(String roomId, String eventId) {
        ButtonSet set = sets.get(roomId);
        if (set != null && set.eventId().equals(eventId)) {
            sets.remove(roomId);
            file.save(new LinkedHashMap<>(sets));
        }
    }

    /** The room's set was used: a second click or number does nothing (behaviour §9.6). */
    public synchronized void consume(String roomId) {
        if (sets.remove(roomId) != null) {
            file.save(new LinkedHashMap<>(sets));
        }
    }
}
