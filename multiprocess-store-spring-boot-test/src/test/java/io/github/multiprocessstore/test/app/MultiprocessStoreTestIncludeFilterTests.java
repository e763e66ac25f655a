package io.github.multiprocessstore.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.test.autoconfigure.MultiprocessStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** A slice test can include the application's own components that use repositories. */
@MultiprocessStoreTest(
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NoteService.class),
        properties = "multiprocess.store.history-limit=4")
class MultiprocessStoreTestIncludeFilterTests {

    @Autowired
    NoteService service;

    @Autowired
    ObjectRepository<Note> notes;

    @Test
    void includedServicesUseTheSlicesRepositories() {
        service.write("n", "from the service");

        assertThat(notes.findById("n")).isPresent();
    }
}
