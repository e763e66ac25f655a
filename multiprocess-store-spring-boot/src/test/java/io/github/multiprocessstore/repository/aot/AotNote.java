package io.github.multiprocessstore.repository.aot;

import io.github.multiprocessstore.repository.StoredObject;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

@StoredObject
public record AotNote(@Id String id, @Version String rev, String topic, int stars) {}
