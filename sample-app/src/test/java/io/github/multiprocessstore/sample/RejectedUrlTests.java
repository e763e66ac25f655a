package io.github.multiprocessstore.sample;

import static io.github.multiprocessstore.sample.HttpApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.test.autoconfigure.AutoConfigureMultiprocessStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests that Tomcat refuses before Spring MVC sees them (a path holding {@code %00}, escapes that are not UTF-8)
 * get the API's error shape, {@code application/problem+json}, over a real port, not Tomcat's HTML page; and the
 * application's own errors keep theirs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMultiprocessStore
class RejectedUrlTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/profiles/%00", "/profiles/caf%E9", "/profiles/a%00b/conflicts"})
    void pathsTomcatRefusesGetAProblemDetail(String path) {
        HttpApi api = new HttpApi(port);

        for (String accept : new String[] {"application/json", "text/html"}) {
            HttpResponse<String> response = api.get(path, "Accept", accept);

            JsonNode problem = assertProblem(response, 400, "must be valid UTF-8 once percent-decoded");
            assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
            assertThat(problem.path("instance").asString()).isEqualTo(path);
            assertThat(response.body()).doesNotContain("<html");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/profiles/caf%C3%A9", "/profiles/..%2F..%2Fetc%2Fpasswd"})
    void theApplicationsOwnAnswersAreUnchanged(String path) {
        HttpResponse<String> response = new HttpApi(port).get(path);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("must be valid UTF-8 once percent-decoded");
    }
}
