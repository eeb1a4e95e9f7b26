package dev.ductor.gateway.matrix.rooms;

import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's state files that are one JSON object of string keys, kept in insertion order. */
public final class StateMaps {

    private StateMaps() {}

    public static <V> JsonStateFile<Map<String, V>> file(Path path, Class<V> values) {
        JsonMapper mapper = ContractJson.mapper();
        return new JsonStateFile<>(
                path,
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, values),
                LinkedHashMap::new);
    }
}
