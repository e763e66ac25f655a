package io.github.multiprocessstore.test.app;

import io.github.multiprocessstore.repository.ObjectRepository;
import org.springframework.stereotype.Service;

/** A service a slice test may include. */
@Service
public class NoteService {

    private final ObjectRepository<Note> notes;

    NoteService(ObjectRepository<Note> notes) {
        this.notes = notes;
    }

    /** Saves a note with the given text under the given id. */
    public Note write(String id, String text) {
        return notes.save(new Note(id, null, text));
    }
}
