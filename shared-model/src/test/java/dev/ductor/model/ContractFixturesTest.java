package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

class ContractFixturesTest {

    static final java.util.List<Class<? extends Contract>> ALL = Contracts.ALL;

    @ParameterizedTest
    @FieldSource("ALL")
    void everyContractRoundTripsItsGoldenFixtureExactly(Class<? extends Contract> type) {
        Contract decoded = ContractFixtures.read(type);

        assertThat(ContractFixtures.treeOf(decoded)).isEqualTo(ContractFixtures.tree(type));
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void everyContractToleratesFieldsItDoesNotKnow(Class<? extends Contract> type) {
        ObjectNode newer = (ObjectNode) ContractFixtures.tree(type);
        newer.put("fieldFromSchemaTwo", "ignored");

        Contract decoded = ContractJson.mapper().treeToValue(newer, type);

        assertThat(ContractFixtures.treeOf(decoded)).isEqualTo(ContractFixtures.tree(type));
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void contractNamesAreUnique(Class<? extends Contract> type) {
        assertThat(Contracts.byName(type.getSimpleName())).contains(type);
    }

    @org.junit.jupiter.api.Test
    void chatRefStorageKeyIsDuctorsSessionsJsonKey() {
        assertThat(new ChatRef("tg", "main", 123, null).storageKey()).isEqualTo("tg:123");
        assertThat(new ChatRef("tg", "main", -100, 42L).storageKey()).isEqualTo("tg:-100:42");
    }
}
