package io.github.multiprocessstore.examples.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's resolver example does what the README says: same text, tags merged; other texts, a person decides. */
class PageTagsResolverTests {

    private final PageTagsResolver resolver = new PageTagsResolver();

    @Test
    void mergesTheTagsOfRivalsWithTheSameText() {
        Page winner = new Page("home", "2-b", "Welcome", Set.of("intro"));
        Page rival = new Page("home", "2-a", "Welcome", Set.of("start", "intro"));

        assertThat(resolver.resolve(winner, List.of(rival))).hasValueSatisfying(merged -> {
            assertThat(merged.rev()).isEqualTo("2-b");
            assertThat(merged.tags()).containsExactly("intro", "start");
        });
    }

    @Test
    void declinesWhenATextDiffers() {
        Page winner = new Page("home", "2-b", "Welcome", Set.of());
        Page rival = new Page("home", "2-a", "Hello", Set.of());

        assertThat(resolver.resolve(winner, List.of(rival))).isEmpty();
    }
}
