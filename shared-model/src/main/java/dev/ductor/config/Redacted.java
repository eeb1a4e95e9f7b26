package dev.ductor.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** A record's {@code toString()} with the values of its secret components shown as {@code ***}. */
final class Redacted {

    private Redacted() {}

    static String toString(Record record, Set<String> secrets) {
        var joiner = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                value = "?";
            }
            String name = component.getName();
            joiner.add(name + "=" + (secrets.contains(name) ? mask(value) : value));
        }
        return joiner.toString();
    }

    private static String mask(@Nullable Object secret) {
        return secret == null || secret.toString().isEmpty() ? "" : "***";
    }
}
