package io.github.multiprocessstore.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors that Tomcat raises before Spring MVC sees a request, such as a path holding {@code %00} or
 * percent-escapes that are not UTF-8 ({@code caf%E9}), with an RFC 9457 {@code application/problem+json} body
 * instead of Tomcat's HTML page, so that every error of the API has one shape. It replaces Tomcat's
 * {@link ErrorReportValve} on the host and, like it, writes only when nothing else has: errors the application
 * handles (all of them once Spring MVC has the request) keep their own body.
 */
final class RejectedRequestProblemValve extends ErrorReportValve {

    private final JsonMapper jsonMapper;

    RejectedRequestProblemValve(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same guards as Tomcat's report: an error status, nothing written yet, reported once only.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new TreeMap<>(); // the key order of the application's own problem details
        problem.put("status", status);
        problem.put("title", known == null ? "Error " + status : known.getReasonPhrase());
        problem.put("detail", detail(status, response.getMessage()));
        problem.put("instance", request.getRequestURI());
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(jsonMapper.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response closed under us: nothing more can be sent.
            container.getLogger().debug("Could not write the problem detail of a rejected request", e);
        }
    }

    private static String detail(int status, String tomcatMessage) {
        String reason = tomcatMessage == null || tomcatMessage.isBlank() ? "" : " (" + tomcatMessage + ")";
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return "The request was refused before it reached the API" + reason + ": a path must be valid UTF-8"
                    + " once percent-decoded and must not hold %00; e.g. the id 'café' is /profiles/caf%C3%A9";
        }
        return "The request was refused before it reached the API" + reason;
    }
}
