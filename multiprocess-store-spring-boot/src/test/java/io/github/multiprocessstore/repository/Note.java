package io.github.multiprocessstore.repository;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored JavaBean (no annotation: default collection {@code note}). */
public class Note {

    @JsonProperty("_id")
    private String id;

    @JsonProperty("_rev")
    private String rev;

    private String text;

    public Note() {}

    Note(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRev() {
        return rev;
    }

    public void setRev(String rev) {
        this.rev = rev;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
