package io.github.multiprocessstore.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.DispatcherServlet;

/** {@code @AutoConfigureMultiprocessStore} on a full application test: the whole app, on a temporary store. */
@SpringBootTest
@AutoConfigureMultiprocessStore
class FullApplicationWithTemporaryStoreTests {

    @Autowired
    ObjectRepository<Note> notes;

    @Autowired
    StoreRoot root;

    @Autowired
    DispatcherServlet dispatcherServlet;

    @Test
    void theFullApplicationRunsOnATemporaryStore() {
        notes.save(new Note("a", null, "hello"));

        assertThat(root.path().toString()).contains("multiprocess-store-test-");
        assertThat(notes.count()).isEqualTo(1);
        assertThat(dispatcherServlet).isNotNull();
    }

    @Test
    void eachTestStartsWithAnEmptyStore() {
        assertThat(notes.count()).isZero();
        notes.save(new Note("b", null, "again"));
    }
}
