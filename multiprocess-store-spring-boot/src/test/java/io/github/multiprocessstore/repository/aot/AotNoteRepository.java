package io.github.multiprocessstore.repository.aot;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

public interface AotNoteRepository extends ObjectRepository<AotNote> {

    List<AotNote> findByTopicOrderByStarsDesc(String topic);

    Page<AotNote> findByStarsGreaterThan(int stars, Pageable pageable);
}
