package io.github.multiprocessstore.test.app;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web component: part of the full application, never of the slice. */
@RestController
class NoteController {

    private final ObjectRepository<Note> notes;

    NoteController(ObjectRepository<Note> notes) {
        this.notes = notes;
    }

    @GetMapping("/notes")
    List<Note> all() {
        return notes.findAll();
    }
}
