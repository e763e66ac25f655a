package io.github.multiprocessstore.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DocumentsTests {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void everyDocumentIsThreeHundredBytesOfCompactJson() {
        for (int index : new int[] {0, 1, 42, 9_999, 123_456, 9_999_999}) {
            byte[] json = mapper.writeValueAsBytes(Documents.document(mapper, index));
            assertThat(json).as(new String(json, StandardCharsets.UTF_8)).hasSize(Documents.SIZE_BYTES);
        }
    }

    @Test
    void documentCarriesItsIdAndAZeroCounter() {
        ObjectNode document = Documents.document(mapper, 42);
        assertThat(document.get("_id").asString()).isEqualTo("obj-0000042").isEqualTo(Documents.id(42));
        assertThat(document.get(Documents.COUNTER).asInt()).isZero();
        assertThat(document.has("_rev")).isFalse();
    }

    @Test
    void counterDocumentOfW6IsDocumentZero() {
        assertThat(Documents.id(0)).isEqualTo(WorkerSpec.COUNTER_ID);
    }

    @Test
    void indexBeyondSevenDigitsIsRefused() {
        assertThatThrownBy(() -> Documents.id(10_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000000");
    }
}
