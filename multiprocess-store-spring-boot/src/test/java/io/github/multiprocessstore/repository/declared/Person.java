package io.github.multiprocessstore.repository.declared;

import io.github.multiprocessstore.repository.StoredObject;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** A record mapped with Spring Data's {@code @Id} and {@code @Version} only (stored as {@code _id}, {@code _rev}). */
@StoredObject(collection = "people")
public record Person(
        @Id String id,
        @Version String rev,
        String name,
        String email,
        int age,
        boolean active,
        Address address,
        List<String> tags) {

    public Person withName(String newName) {
        return new Person(id, rev, newName, email, age, active, address, tags);
    }
}
