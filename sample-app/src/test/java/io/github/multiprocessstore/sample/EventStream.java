package io.github.multiprocessstore.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: reads the stream's lines on a thread of its own, parses them into events
 * (and comments), and closes the connection when closed, as a browser tab going away would.
 */
final class EventStream implements AutoCloseable {

    /** One event as a client sees it; a comment is an event named {@code ":"} with the comment as data. */
    record Event(String id, String name, String data) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    EventStream(int port, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Accept", "text/event-stream")
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, ":", line.substring(1)));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed
        }
    }

    /** The next event that is not a comment, waiting up to 30 s; fails if none comes. */
    Event next() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no event within 30 s");
            }
            if (!event.name().equals(":")) {
                return event;
            }
        }
    }

    /** The next n events that are not comments. */
    List<Event> next(int n) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(next());
        }
        return taken;
    }

    /** Waits up to 30 s for a comment line (a heartbeat). */
    Event nextComment() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no comment within 30 s");
            }
            if (event.name().equals(":")) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
