package io.github.multiprocessstore.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupportTests {

    @Test
    void spacedJsonHasASpaceAfterEachColonAndComma() {
        var node = Json.MAPPER.readTree("{\"conflictedObjects\":1,\"objects\":{\"a\\\"b\":[[\"1-x\",\"1-y\"]]}}");

        assertThat(Json.spaced(node))
                .isEqualTo("{\"conflictedObjects\": 1, \"objects\": {\"a\\\"b\": [[\"1-x\", \"1-y\"]]}}");
        assertThat(Json.spaced(Json.MAPPER.createObjectNode())).isEqualTo("{}");
    }

    @Test
    void durationsAreWrittenAsTheStartersPropertiesAre() {
        assertThat(Durations.parse("--x", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("--x", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("--x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("--x", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("--x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("--x", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("--x", "PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Durations.parse("--deleted-object-retention", "a month"))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("'a month'")
                .hasMessageContaining("--deleted-object-retention");
    }
}
