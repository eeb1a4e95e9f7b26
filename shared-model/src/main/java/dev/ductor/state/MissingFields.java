package dev.ductor.state;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Repairs a state value that parsed but misses fields (Jackson leaves a missing field of a record null): a
 * missing collection becomes empty, an entry of a map or list that misses anything else is dropped. A record
 * component is required unless it is {@code @Nullable} (every package is {@code @NullMarked}).
 */
final class MissingFields {

    /** The value cannot be repaired in place: {@code getMessage()} names the missing field. */
    static final class Unrepairable extends Exception {
        Unrepairable(String why) {
            super(why, null, false, false);
        }
    }

    private MissingFields() {}

    /** The repaired value ({@code value} itself when nothing was missing); what was done goes to {@code notes}. */
    static Object repair(@Nullable Object value, String path, List<String> notes) throws Unrepairable {
        if (value == null) {
            throw new Unrepairable(path + " is missing");
        }
        return switch (value) {
            case Record record -> record(record, path, notes);
            case Map<?, ?> map -> map(map, path, notes);
            case List<?> list -> list(list, path, notes);
            default -> value;
        };
    }

    private static Object map(Map<?, ?> map, String path, List<String> notes) {
        Map<Object, Object> kept = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String at = path + "[" + entry.getKey() + "]";
            try {
                Object repaired = repair(entry.getValue(), at, notes);
                kept.put(entry.getKey(), repaired);
                changed |= repaired != entry.getValue();
            } catch (Unrepairable e) {
                notes.add("dropped " + at + ": " + e.getMessage());
                changed = true;
            }
        }
        return changed ? kept : map;
    }

    private static Object list(List<?> list, String path, List<String> notes) {
        List<Object> kept = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            try {
                Object repaired = repair(list.get(i), at, notes);
                kept.add(repaired);
                changed |= repaired != list.get(i);
            } catch (Unrepairable e) {
                notes.add("dropped " + at + ": " + e.getMessage());
                changed = true;
            }
        }
        return changed ? kept : list;
    }

    private static Object record(Record record, String path, List<String> notes) throws Unrepairable {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String at = path + "." + component.getName();
            Object value = read(record, component.getAccessor());
            if (value == null) {
                if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    continue;
                }
                values[i] = emptyCollection(component.getType(), at);
                notes.add(at + " was missing; now empty");
                changed = true;
            } else {
                values[i] = repair(value, at, notes);
                changed |= values[i] != value;
            }
        }
        return changed ? construct(record.getClass(), components, values, path) : record;
    }

    private static Object emptyCollection(Class<?> type, String path) throws Unrepairable {
        if (type.isAssignableFrom(LinkedHashMap.class)) {
            return new LinkedHashMap<>();
        }
        if (type.isAssignableFrom(ArrayList.class)) {
            return new ArrayList<>();
        }
        if (type.isAssignableFrom(LinkedHashSet.class) && Set.class.isAssignableFrom(type)) {
            return new LinkedHashSet<>();
        }
        throw new Unrepairable(path + " is missing");
    }

    private static @Nullable Object read(Record record, Method accessor) {
        try {
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + accessor, e);
        }
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] values, String path)
            throws Unrepairable {
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new Unrepairable(path + " is invalid: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild " + type, e);
        }
    }
}
