package io.github.multiprocessstore.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.test.autoconfigure.MultiprocessStoreTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The slice starts the store, the repositories and Jackson, and nothing of the web or actuator. */
@MultiprocessStoreTest
class MultiprocessStoreTestSliceTests {

    @Autowired
    ObjectRepository<Note> notes;

    @Autowired
    ApplicationContext context;

    @Test
    void repositoriesWorkOnATemporaryStore() {
        notes.save(new Note("a", null, "hello"));

        assertThat(notes.findById("a"))
                .hasValueSatisfying(note -> assertThat(note.text()).isEqualTo("hello"));
        Path root = context.getBean(StoreRoot.class).path();
        assertThat(root.toString()).contains("multiprocess-store-test-").doesNotContain("must-not-be-used");
    }

    @Test
    void eachTestStartsWithAnEmptyStore() {
        // Whatever order the methods run in, the other one's object is gone.
        assertThat(notes.count()).isZero();
        notes.save(new Note("b", null, "again"));
        assertThat(notes.count()).isEqualTo(1);
    }

    @Test
    void theSliceHoldsNoWebNoActuatorAndNoApplicationComponents() {
        assertThat(context.getBeanNamesForAnnotation(Controller.class)).isEmpty();
        assertThat(context.getBeanNamesForAnnotation(RestController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(NoteService.class)).isEmpty();
        assertThat(context.getBeanDefinitionNames())
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("dispatcherservlet"))
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("endpoint"))
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("health"))
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("meterregistry"));
        assertThat(beansOfPackage("org.springframework.boot.actuate")).isEmpty();
        assertThat(beansOfPackage("org.springframework.web")).isEmpty();
        assertThat(context.getBeanNamesForType(JsonMapper.class)).isNotEmpty();
    }

    private java.util.List<String> beansOfPackage(String prefix) {
        return java.util.Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null && type.getName().startsWith(prefix);
                })
                .toList();
    }
}
