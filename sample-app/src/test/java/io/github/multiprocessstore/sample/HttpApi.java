package io.github.multiprocessstore.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for one running instance of the app. Paths are sent exactly as written (no encoding or
 * dot-segment removal), so tests can send {@code %2F} and {@code ..} as an attacker would.
 */
final class HttpApi {

    /** A revision name: number, dash, 32 lower-case hex digits. */
    static final Pattern REVISION = Pattern.compile("\\d+-[0-9a-f]{32}");

    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    HttpApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    HttpResponse<String> put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /**
     * Sends a request.
     *
     * @param json    a body sent as {@code application/json}, or null for none
     * @param headers header names and values, alternating
     */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    /** POSTs an HTML form body with the given Authorization header value. */
    HttpResponse<String> sendForm(String path, String form, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization)
                .POST(BodyPublishers.ofString(form))
                .build();
        try {
            return client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during POST " + path, e);
        }
    }

    /** POSTs a new profile and checks that it was created. */
    JsonNode create(String id) {
        HttpResponse<String> response = post("/profiles", profileJson(id, null, id + "@example.com", id));
        assertThat(response.statusCode()).as("POST %s: %s", id, response.body()).isEqualTo(201);
        return json(response);
    }

    /** PUTs a change of the display name based on {@code rev} (the seed's update) and checks that it landed. */
    JsonNode update(String id, String rev, String displayName) {
        HttpResponse<String> response = put("/profiles/" + id, profileJson(id, rev, id + "@example.com", displayName));
        assertThat(response.statusCode()).as("PUT %s: %s", id, response.body()).isEqualTo(200);
        return json(response);
    }

    /** A profile's JSON; null arguments are left out. */
    static String profileJson(String id, String rev, String email, String displayName) {
        Map<String, String> profile = new LinkedHashMap<>();
        putIfNotNull(profile, "_id", id);
        putIfNotNull(profile, "_rev", rev);
        putIfNotNull(profile, "email", email);
        putIfNotNull(profile, "displayName", displayName);
        return JSON.writeValueAsString(profile);
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** The conflict groups of a {@code /conflicts} response or of the actuator document. */
    static List<List<String>> groups(JsonNode node) {
        return node.valueStream()
                .map(group -> group.valueStream().map(JsonNode::asString).toList())
                .toList();
    }

    /**
     * Checks that conflict groups are exactly one group of these revisions. Their order within the group is the
     * store's "alphanum" order (numbers inside names compare as numbers), which the core's tests cover.
     */
    static void assertOneConflict(JsonNode conflictGroups, String... revisions) {
        List<List<String>> groups = groups(conflictGroups);
        assertThat(groups).as(conflictGroups.toString()).hasSize(1);
        assertThat(groups.get(0)).containsExactlyInAnyOrder(revisions);
    }

    /** Checks an RFC 9457 problem response and returns its JSON. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String detailFragment) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).contains(detailFragment);
        return problem;
    }

    /** The {@code ETag} header, which must be a quoted (strong) entity tag. */
    static String etag(HttpResponse<String> response) {
        String etag = response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
        assertThat(etag).startsWith("\"").endsWith("\"");
        return etag;
    }
}
