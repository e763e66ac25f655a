package io.github.multiprocessstore.sample;

import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreRoot;
import io.github.multiprocessstore.changes.Change;
import io.github.multiprocessstore.changes.ChangeListener;
import io.github.multiprocessstore.changes.ChangeSubscription;
import io.github.multiprocessstore.changes.ChangeToken;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /profile-changes}: the profiles' change feed as Server-Sent Events, for every writer of the store
 * (this instance, other instances, the npm package). Each change is {@code id: <position token>},
 * {@code event: change}, {@code data: {"_id":…,"_rev":…,"kind":"created|updated|deleted|conflict|resolved"}}; a
 * position too old to resume from gives {@code event: reset}, followed by every live profile as {@code created}.
 *
 * <p>Without parameters the stream starts with the changes made after the request; {@code ?since=0} starts with
 * every live profile once ({@code created}); {@code ?since=<token>} or a {@code Last-Event-ID} header (which a
 * reconnecting {@code EventSource} sends, and which wins over {@code since}) resumes after that token. A comment
 * line is sent every {@code sample.profile-changes.heartbeat} (15 s) so proxies keep an idle stream open and a
 * client that went away is noticed; the subscription ends with the connection.
 */
@RestController
class ProfileChangesController implements DisposableBean {

    private static final Log log = LogFactory.getLog(ProfileChangesController.class);
    private static final String COLLECTION = "profiles";

    private final StoreRoot root;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration heartbeat;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "profile-changes-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ProfileChangesController(StoreRoot root, @Value("${sample.profile-changes.heartbeat:15s}") Duration heartbeat) {
        this.root = root;
        this.heartbeat = heartbeat;
    }

    @GetMapping(path = "/profile-changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter changes(
            @RequestParam(name = "since", required = false) @Nullable String since,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        ChangeToken start = position(lastEventId != null ? lastEventId : since, lastEventId != null);
        ObjectStore profiles = root.collection(COLLECTION);
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the stream lasts as long as the client stays
        AtomicReference<ChangeSubscription> subscription = new AtomicReference<>();
        ChangeListener listener = new ChangeListener() {
            @Override
            public void onChange(Change change) {
                send(
                        emitter,
                        subscription,
                        SseEmitter.event()
                                .id(change.token().toString())
                                .name("change")
                                .data(data(change), MediaType.APPLICATION_JSON));
            }

            @Override
            public void onReset(ChangeToken token) {
                send(
                        emitter,
                        subscription,
                        SseEmitter.event().id(token.toString()).name("reset").data("{}", MediaType.APPLICATION_JSON));
            }
        };
        try {
            subscription.set(start == null ? profiles.subscribe(listener) : profiles.subscribe(start, listener));
        } catch (IllegalArgumentException notOurs) {
            throw invalidPosition(start == null ? "" : start.toString());
        }
        ScheduledFuture<?> beats = heartbeats.scheduleWithFixedDelay(
                () -> send(emitter, subscription, SseEmitter.event().comment("heartbeat")),
                heartbeat.toMillis(),
                heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        Runnable end = () -> {
            beats.cancel(false);
            ChangeSubscription running = subscription.get();
            if (running != null) {
                running.close();
            }
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(error -> end.run());
        return emitter;
    }

    private static @Nullable ChangeToken position(@Nullable String text, boolean header) {
        if (text == null) {
            return null;
        }
        try {
            return ChangeToken.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw invalidPosition(header ? "Last-Event-ID " + text : text);
        }
    }

    private static BadProfileRequestException invalidPosition(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return new BadProfileRequestException(
                "Invalid change position",
                "'" + shown + "' is not a position of this feed: use since=0, no parameter, or an event id exactly"
                        + " as the stream sent it");
    }

    private String data(Change change) {
        return json.writeValueAsString(json.createObjectNode()
                .put("_id", change.id())
                .put("_rev", change.revision())
                .put("kind", change.kind().jsonName()));
    }

    /** Sends an event; a client that went away ends the stream and its subscription. */
    private static void send(
            SseEmitter emitter, AtomicReference<ChangeSubscription> subscription, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            log.debug("Profile change stream ended: " + gone);
            ChangeSubscription running = subscription.get();
            if (running != null) {
                running.close();
            }
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
    }
}
