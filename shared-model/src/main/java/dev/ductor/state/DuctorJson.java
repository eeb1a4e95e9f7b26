package dev.ductor.state;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the state files ductor itself writes ({@code sessions.json}, {@code named_sessions.json},
 * {@code chat_activity.json}): snake_case keys, unknown keys ignored, a {@code null} where a number belongs
 * read as zero.
 */
public final class DuctorJson {

    private DuctorJson() {}

    public static JsonMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
