package io.github.multiprocessstore.sample.review;

import io.github.multiprocessstore.InvalidIdException;
import io.github.multiprocessstore.ObjectNotFoundException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StaleRevisionException;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.resolution.ConflictResolutions;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The review pages (HTML): {@code GET /review} lists the conflicted profiles, {@code GET /review/{id}} shows one
 * profile's conflicting revisions side by side with the differing fields marked, and its forms keep one revision
 * ({@code POST /review/{id}/keep}, field {@code rev}) or save a merged version ({@code POST /review/{id}/merge},
 * field {@code merged}, the JSON). Every value is rendered as text. Resolutions go through
 * {@link ConflictResolutions}, which logs them with the signed-in user's name and counts them.
 */
@Controller
@RequestMapping("/review")
class ReviewController {

    /** The collection of {@code Profile}. */
    static final String COLLECTION = "profiles";

    private final StoreRoot root;
    private final ConflictResolutions resolutions;
    private final JsonMapper mapper;

    ReviewController(StoreRoot root, ConflictResolutions resolutions, JsonMapper mapper) {
        this.root = root;
        this.resolutions = resolutions;
        this.mapper = mapper;
    }

    /** The signed-in user's name, shown on every page. */
    @ModelAttribute("user")
    String user(Principal principal) {
        return principal == null ? "" : principal.getName();
    }

    /** One conflicted profile in the list: its groups, each revision with its time. */
    record Listed(String id, List<List<ConflictView.Column>> groups) {}

    @GetMapping
    String list(Model model) {
        ObjectStore profiles = root.collection(COLLECTION);
        List<Listed> listed = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> entry :
                profiles.getConflictsOfLiveObjects().entrySet()) {
            String winner = profiles.getObject(entry.getKey()).get("_rev").asString();
            List<List<ConflictView.Column>> groups = entry.getValue().stream()
                    .map(group -> group.stream()
                            .map(rev -> column(profiles, entry.getKey(), rev, winner))
                            .toList())
                    .toList();
            listed.add(new Listed(entry.getKey(), groups));
        }
        model.addAttribute("conflicts", listed);
        return "review/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable String id, Model model) {
        ObjectStore profiles = root.collection(COLLECTION);
        ObjectNode winner = profiles.getObject(id);
        String winning = winner.get("_rev").asString();
        List<ConflictView.Column> columns = new ArrayList<>();
        List<ObjectNode> contents = new ArrayList<>();
        columns.add(column(profiles, id, winning, winning));
        contents.add(winner);
        for (List<String> group : profiles.getConflicts(id)) {
            for (String rev : group) {
                if (!rev.equals(winning)) {
                    columns.add(column(profiles, id, rev, winning));
                    contents.add(profiles.getRevision(id, rev));
                }
            }
        }
        String merged = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(winner);
        model.addAttribute("view", new ConflictView(id, winning, columns, ConflictView.rows(contents), merged));
        return "review/object";
    }

    @PostMapping("/{id}/keep")
    String keep(@PathVariable String id, @RequestParam("rev") String rev, Principal user, RedirectAttributes flash) {
        resolutions.keep(COLLECTION, id, rev, user.getName());
        flash.addFlashAttribute("message", "Kept revision " + rev + " of " + id + ".");
        return "redirect:" + next(id);
    }

    @PostMapping("/{id}/merge")
    String merge(
            @PathVariable String id, @RequestParam("merged") String merged, Principal user, RedirectAttributes flash) {
        ObjectNode object = parse(id, merged);
        ObjectNode written = resolutions.merge(COLLECTION, object, user.getName());
        flash.addFlashAttribute(
                "message",
                "Saved the merged version of " + id + " as revision "
                        + written.get("_rev").asString() + ".");
        return "redirect:" + next(id);
    }

    /** After a resolution: the object's page while it still has conflicts, else the list. */
    private String next(String id) {
        if (root.collection(COLLECTION).getConflicts(id).isEmpty()) {
            return "/review";
        }
        return UriComponentsBuilder.fromPath("/review/{id}")
                .buildAndExpand(id)
                .encode()
                .toUriString();
    }

    /**
     * The merged JSON as an object of this profile: an {@code _id} must match; without {@code _rev} it is based on
     * the current winner (the page always sends the one it showed, so a newer revision makes it stale).
     */
    private ObjectNode parse(String id, String merged) {
        JsonNode node;
        try {
            node = mapper.readTree(merged);
        } catch (JacksonException e) {
            throw new BadReviewRequestException("The merged version is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadReviewRequestException("The merged version must be a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode givenId = object.get("_id");
        if (givenId != null && !(givenId.isString() && givenId.asString().equals(id))) {
            throw new BadReviewRequestException("The merged version's _id must be '" + id + "'");
        }
        object.put("_id", id);
        if (!object.has("_rev")) {
            object.put(
                    "_rev",
                    root.collection(COLLECTION).getObject(id).get("_rev").asString());
        }
        return object;
    }

    private static ConflictView.Column column(ObjectStore profiles, String id, String rev, String winner) {
        Instant written = profiles.getRevisionTime(id, rev);
        return new ConflictView.Column(rev, written, rev.equals(winner));
    }

    /** A form value the page cannot use. */
    static final class BadReviewRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadReviewRequestException(String message) {
            super(message);
        }
    }

    @ExceptionHandler(BadReviewRequestException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(BadReviewRequestException e, Model model) {
        return problem(model, "Cannot save this", e.getMessage());
    }

    @ExceptionHandler(InvalidIdException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidIdException e, Model model) {
        return problem(model, "Not a usable id or revision", e.getMessage());
    }

    @ExceptionHandler(ObjectNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(ObjectNotFoundException e, Model model) {
        return problem(model, "Not found", "There is no such profile or revision: " + e.getMessage());
    }

    @ExceptionHandler(StaleRevisionException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String stale(StaleRevisionException e, Model model) {
        return problem(
                model,
                "A newer revision arrived",
                "Someone wrote this profile after the page was shown; nothing was saved. Open it again. ("
                        + e.getMessage() + ")");
    }

    private static String problem(Model model, String title, String detail) {
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "review/problem";
    }
}
