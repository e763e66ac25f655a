package io.github.multiprocessstore.repository.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.repository.ObjectRepository;
import io.github.multiprocessstore.repository.ObjectRepositoryFactory;
import io.github.multiprocessstore.repository.StoredObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A field added by a Node.js program through the real npm package survives a read-modify-save by a Java type that
 * does not map it, and is dropped only by a type that opts out ({@code keepUnknownFields = false}).
 */
class UnknownFieldsNodeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The Java view of a contact: it knows nothing of {@code phone}. */
    @StoredObject(collection = "contacts")
    record Contact(@Id String id, @Version String rev, String name) {}

    /** The same collection, seen by a type that writes exactly what it maps. */
    @StoredObject(collection = "contacts", keepUnknownFields = false)
    record StrictContact(@Id String id, @Version String rev, String name) {}

    private static final String ADD_PHONE = """
            (async () => {
              await store.createStore(process.argv[2]);
              const contact = await store.getObject('ann');
              contact.phone = '+44 20 7946 0000';
              await store.updateObject(contact);
              process.stdout.write(JSON.stringify(await store.getObject('ann')));
            })().catch((e) => { console.error(e); process.exit(1); });
            """;

    private static final String READ = """
            (async () => {
              await store.createStore(process.argv[2]);
              process.stdout.write(JSON.stringify(await store.getObject('ann')));
            })().catch((e) => { console.error(e); process.exit(1); });
            """;

    @Test
    void aFieldNodeAddedSurvivesATypedSaveUnlessTheTypeOptsOut(@TempDir Path root) {
        try (StoreRoot store = StoreRoot.open(root, builder -> builder.durable(false))) {
            ObjectRepositoryFactory factory = new ObjectRepositoryFactory(store, JSON);
            ObjectRepository<Contact> contacts = factory.create(Contact.class);
            Path collection = root.resolve("contacts");
            contacts.save(new Contact("ann", null, "Ann"));

            JsonNode byNode = JSON.readTree(NpmStore.run(ADD_PHONE, collection));
            assertThat(byNode.path("phone").asString()).isEqualTo("+44 20 7946 0000");

            Contact read = contacts.findById("ann").orElseThrow();
            assertThat(read.rev()).isEqualTo(byNode.path("_rev").asString());
            Contact renamed = contacts.save(new Contact("ann", read.rev(), "Ann Smith"));

            JsonNode afterJava = JSON.readTree(NpmStore.run(READ, collection));
            assertThat(afterJava.path("_rev").asString()).isEqualTo(renamed.rev());
            assertThat(afterJava.path("name").asString()).isEqualTo("Ann Smith");
            assertThat(afterJava.path("phone").asString()).isEqualTo("+44 20 7946 0000");

            ObjectRepository<StrictContact> strict = factory.create(StrictContact.class);
            StrictContact again = strict.findById("ann").orElseThrow();
            strict.save(new StrictContact("ann", again.rev(), "Ann S."));

            JsonNode afterStrict = JSON.readTree(NpmStore.run(READ, collection));
            assertThat(afterStrict.path("name").asString()).isEqualTo("Ann S.");
            assertThat(afterStrict.has("phone")).isFalse();
        }
    }
}
