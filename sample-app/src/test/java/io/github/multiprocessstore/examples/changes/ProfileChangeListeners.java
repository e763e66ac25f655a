package io.github.multiprocessstore.examples.changes;

import io.github.multiprocessstore.changes.events.StoreChangeEvent;
import io.github.multiprocessstore.changes.events.StoreConflictEvent;
import io.github.multiprocessstore.sample.Profile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

@Component
class ProfileChangeListeners {

    private final Map<String, Profile> cache = new ConcurrentHashMap<>();
    private final Alerts alerts;

    ProfileChangeListeners(Alerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void profileChanged(StoreChangeEvent event) { // collection, id, revision, kind, token
        if (event.getCollection().equals("profiles")) {
            // the revision read and mapped on request; empty if deleted
            event.object(Profile.class)
                    .ifPresentOrElse(profile -> cache.put(event.getId(), profile), () -> cache.remove(event.getId()));
        }
    }

    @EventListener
    void conflict(StoreConflictEvent event) { // a conflict appeared, in any process
        alerts.flag(event.getCollection(), event.getId(), event.getConflicts());
    }
}

interface Alerts {
    void flag(String collection, String id, List<List<String>> conflicts);
}
