package io.github.multiprocessstore.examples.conflicts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.multiprocessstore.conflicts.ConflictPolicy;
import io.github.multiprocessstore.repository.StoredObject;
import io.github.multiprocessstore.resolution.ConflictResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

@StoredObject(collection = "pages", conflicts = ConflictPolicy.RESOLVE)
record Page(
        @JsonProperty("_id") String id,
        @JsonProperty("_rev") String rev,
        String text,
        Set<String> tags) {}

@Component
class PageTagsResolver implements ConflictResolver<Page> {
    @Override
    public Optional<Page> resolve(Page winner, List<Page> rivals) {
        if (rivals.stream().anyMatch(rival -> !rival.text().equals(winner.text()))) {
            return Optional.empty(); // different texts: a person decides on the review page
        }
        Set<String> tags = new TreeSet<>(winner.tags());
        rivals.forEach(rival -> tags.addAll(rival.tags()));
        return Optional.of(new Page(winner.id(), winner.rev(), winner.text(), tags));
    }
}
