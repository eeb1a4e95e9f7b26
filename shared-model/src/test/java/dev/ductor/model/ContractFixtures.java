package dev.ductor.model;

import dev.ductor.bus.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden fixtures of the contracts, shared with producer and consumer tests of every service through
 * the shared-model test jar.
 */
public final class ContractFixtures {

    private static final JsonMapper MAPPER = ContractJson.mapper();

    private ContractFixtures() {}

    public static JsonNode tree(Class<? extends Contract> type) {
        return MAPPER.readTree(bytes(type));
    }

    public static <T extends Contract> T read(Class<T> type) {
        return MAPPER.readValue(bytes(type), type);
    }

    /** A further fixture of one contract, {@code <Type>.<variant>.json} (e.g. {@code mx} for Matrix). */
    public static JsonNode tree(Class<? extends Contract> type, String variant) {
        return MAPPER.readTree(bytes(type, variant));
    }

    public static <T extends Contract> T read(Class<T> type, String variant) {
        return MAPPER.readValue(bytes(type, variant), type);
    }

    public static JsonNode treeOf(Contract contract) {
        return MAPPER.readTree(MAPPER.writeValueAsBytes(contract));
    }

    public static byte[] bytes(Class<? extends Contract> type) {
        return resource("/contracts/" + type.getSimpleName() + ".json");
    }

    public static byte[] bytes(Class<? extends Contract> type, String variant) {
        return resource("/contracts/" + type.getSimpleName() + "." + variant + ".json");
    }

    private static byte[] resource(String path) {
        try (InputStream in = ContractFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No golden fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
