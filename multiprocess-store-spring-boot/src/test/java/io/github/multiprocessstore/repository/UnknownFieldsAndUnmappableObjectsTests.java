package io.github.multiprocessstore.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Sort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fields another writer added survive typed saves (every kind of save), unless the type opts out; objects that do
 * not map to the type fail scans with the collection, id and revision named, or are skipped when asked.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownFieldsAndUnmappableObjectsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @StoredObject(collection = "people")
    record Person(@Id String id, @Version String rev, String name, int age) {}

    @StoredObject(collection = "people", keepUnknownFields = false)
    record StrictPerson(@Id String id, @Version String rev, String name, int age) {}

    @TempDir
    Path temp;

    private StoreRoot root;
    private ObjectStore raw;

    @BeforeEach
    void open() {
        root = StoreRoot.open(temp, builder -> builder.durable(false));
        raw = root.collection("people");
    }

    @AfterEach
    void close() {
        root.close();
    }

    private ObjectRepository<Person> people(boolean skipUnmappable, UnmappableObjects counter) {
        RepositoryOptions options = new RepositoryOptions(skipUnmappable, counter, () -> null, null);
        return new ObjectRepositoryFactory(
                        root, JSON, io.micrometer.observation.ObservationRegistry.NOOP, null, options)
                .create(Person.class);
    }

    /** What another program writes: the person with fields this type does not know. */
    private String writtenByAnotherProgram(String id) {
        ObjectNode node = (ObjectNode) JSON.readTree("{\"_id\":\"" + id
                + "\",\"name\":\"Ann\",\"age\":30,\"phone\":\"555\",\"address\":{\"city\":\"Oslo\"}}");
        return raw.createObject(node).get("_rev").asString();
    }

    @Test
    void saveUpdateAndUpdateAllowingConflictKeepFieldsTheTypeDoesNotMap() {
        ObjectRepository<Person> people = people(false, new UnmappableObjects());
        writtenByAnotherProgram("ann");

        Person read = people.findById("ann").orElseThrow();
        people.save(new Person("ann", read.rev(), "Ann B", 31));
        assertThat(raw.getObject("ann").get("phone").asString()).isEqualTo("555");
        assertThat(raw.getObject("ann").get("address").get("city").asString()).isEqualTo("Oslo");
        assertThat(raw.getObject("ann").get("name").asString()).isEqualTo("Ann B");

        people.update("ann", person -> new Person(person.id(), null, person.name(), 32));
        assertThat(raw.getObject("ann").get("phone").asString()).isEqualTo("555");

        Person current = people.findById("ann").orElseThrow();
        people.updateAllowingConflict(new Person("ann", current.rev(), "Ann C", 33));
        assertThat(raw.getObject("ann").get("phone").asString()).isEqualTo("555");
        assertThat(raw.getObject("ann").get("age").asInt()).isEqualTo(33);
    }

    @Test
    void aTypeThatOptsOutWritesExactlyWhatItMaps() {
        ObjectRepository<StrictPerson> strict = new ObjectRepositoryFactory(root, JSON).create(StrictPerson.class);
        writtenByAnotherProgram("bob");

        StrictPerson read = strict.findById("bob").orElseThrow();
        strict.save(new StrictPerson("bob", read.rev(), "Bob", 40));

        assertThat(raw.getObject("bob").has("phone")).isFalse();
        assertThat(raw.getObject("bob").has("address")).isFalse();
    }

    @Test
    void aFieldTheTypeMapsIsNotRestoredWhenTheSaveClearsIt() {
        ObjectRepository<Person> people = people(false, new UnmappableObjects());
        writtenByAnotherProgram("cy");

        Person read = people.findById("cy").orElseThrow();
        people.save(new Person("cy", read.rev(), null, 1));

        assertThat(raw.getObject("cy").get("name").isNull()).isTrue();
    }

    @Test
    void anUnmappableObjectFailsScansNamingCollectionIdAndRevision() {
        ObjectRepository<Person> people = people(false, new UnmappableObjects());
        writtenByAnotherProgram("ann");
        String rev = raw.createObject((ObjectNode) JSON.readTree("{\"_id\":\"bad\",\"name\":\"B\",\"age\":\"old\"}"))
                .get("_rev")
                .asString();

        for (Runnable scan : List.<Runnable>of(
                people::findAll,
                () -> people.findAll(Sort.by("name")),
                () -> people.stream().toList())) {
            assertThatThrownBy(scan::run)
                    .isInstanceOfSatisfying(UnmappableObjectException.class, e -> {
                        assertThat(e.getCollection()).isEqualTo("people");
                        assertThat(e.getId()).isEqualTo("bad");
                        assertThat(e.getRevision()).isEqualTo(rev);
                    })
                    .hasMessageContaining("'bad'")
                    .hasMessageContaining(rev)
                    .hasMessageContaining("'people'")
                    .hasMessageContaining("skip-unmappable");
        }
    }

    @Test
    void skippingUnmappableObjectsLogsAndCountsThem(CapturedOutput output) {
        UnmappableObjects counter = new UnmappableObjects();
        ObjectRepository<Person> people = people(true, counter);
        writtenByAnotherProgram("ann");
        raw.createObject((ObjectNode) JSON.readTree("{\"_id\":\"bad\",\"name\":\"B\",\"age\":\"old\"}"));

        assertThat(people.findAll()).extracting(Person::id).containsExactly("ann");
        assertThat(people.findAll(Sort.by("name"))).extracting(Person::id).containsExactly("ann");

        assertThat(counter.total()).isEqualTo(2);
        assertThat(counter.byCollection()).isEqualTo(Map.of("people", 2L));
        assertThat(output).contains("Skipped object 'bad'").contains("collection 'people'");
    }
}
