package io.github.multiprocessstore.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RevisionFileTests {

    private static RevisionFile.Content check(String json) {
        return RevisionFile.check(json.getBytes(StandardCharsets.UTF_8)).content();
    }

    @Test
    void tellsObjectsTombstonesAndBadFiles() {
        assertThat(check("{\"a\":{\"_deleted\":true},\"b\":[1]}")).isEqualTo(RevisionFile.Content.OBJECT);
        assertThat(check("{\"_deleted\":true}")).isEqualTo(RevisionFile.Content.TOMBSTONE);
        assertThat(check("{\"_deleted\":false}")).isEqualTo(RevisionFile.Content.OBJECT);
        assertThat(check("[1,2]")).isEqualTo(RevisionFile.Content.NOT_AN_OBJECT);
        assertThat(check("null")).isEqualTo(RevisionFile.Content.NOT_AN_OBJECT);
        assertThat(check("{\"a\":")).isEqualTo(RevisionFile.Content.NOT_JSON);
        assertThat(check("{} {}")).isEqualTo(RevisionFile.Content.NOT_JSON);
        assertThat(check("")).isEqualTo(RevisionFile.Content.NOT_JSON);
        assertThat(check("garbage")).isEqualTo(RevisionFile.Content.NOT_JSON);
    }
}
