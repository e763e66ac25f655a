package io.github.multiprocessstore.sample;

import io.github.multiprocessstore.repository.ObjectTooLargeDataAccessException;
import io.github.multiprocessstore.repository.StoreFullDataAccessException;
import io.github.multiprocessstore.repository.StoreReadOnlyDataAccessException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} response. Spring MVC's own exceptions
 * (unreadable body, unsupported media type, unknown route…) get Spring's problem details, with the JSON error
 * spelled out for a malformed body; the repository's {@link DataAccessException}s get the status their meaning
 * calls for, with details written for HTTP clients: the store's own messages name server paths and Java methods,
 * so they are passed on only for invalid ids and revisions, where they say exactly what is wrong. Being a
 * {@link ResponseEntityExceptionHandler}, this replaces Boot's {@code spring.mvc.problemdetails} handler, so that
 * property is not needed.
 */
@RestControllerAdvice
class ProfileExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Log log = LogFactory.getLog(ProfileExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                status,
                "Malformed request body",
                "The body must be a JSON profile object (_id, _rev, email, displayName as strings): " + reason(ex));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static String reason(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof StreamReadException syntaxError) {
            // Jackson's original message names the syntax error without echoing the body.
            return syntaxError.getOriginalMessage();
        }
        if (cause instanceof JacksonException mappingError) {
            // Its message would name Java types; the JSON path of the bad value is what a client can act on.
            String property = mappingError.getPath().stream()
                    .map(JacksonException.Reference::getPropertyName)
                    .filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            return property.isEmpty()
                    ? "the JSON value is not an object"
                    : "the value of '" + property + "' has the wrong JSON type";
        }
        return "the body is missing or not readable";
    }

    @ExceptionHandler
    ProblemDetail alreadyExists(DuplicateKeyException ex) {
        // Only POST inserts, and its id is in the body: the detail cannot name it without re-reading the body.
        return problem(
                HttpStatus.CONFLICT,
                "Profile already exists",
                "A live profile with this _id already exists: change it with PUT /profiles/<its id> instead");
    }

    @ExceptionHandler
    ProblemDetail staleRevision(OptimisticLockingFailureException ex, HttpServletRequest request) {
        return problem(
                HttpStatus.PRECONDITION_FAILED,
                "Revision is no longer the winner",
                "The revision in If-Match is no longer the winning revision of profile '" + profileId(request)
                        + "'; GET it again and retry with its new ETag");
    }

    @ExceptionHandler
    ProblemDetail notFound(EmptyResultDataAccessException ex, HttpServletRequest request) {
        return new ProfileNotFoundException(profileId(request)).getBody();
    }

    @ExceptionHandler
    ProblemDetail invalidIdOrRevision(InvalidDataAccessApiUsageException ex) {
        // The store's message names the id or _rev and what a valid one looks like.
        return problem(HttpStatus.BAD_REQUEST, "Invalid profile id or revision", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooLarge(ObjectTooLargeDataAccessException ex) {
        return problem(
                HttpStatusCode.valueOf(413),
                "Profile too large",
                "The profile would take " + ex.getSize() + " bytes as stored, over the store's limit of "
                        + ex.getLimit() + " bytes; make it smaller");
    }

    @ExceptionHandler
    ProblemDetail storeFull(StoreFullDataAccessException ex) {
        log.error("Profile store is full", ex);
        return problem(
                HttpStatus.INSUFFICIENT_STORAGE,
                "Profile store is full",
                "The disk of the profile store is full, so nothing was written; reads still work; retry once space"
                        + " is freed");
    }

    @ExceptionHandler
    ProblemDetail storeReadOnly(StoreReadOnlyDataAccessException ex) {
        log.error("Profile store is read-only", ex);
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Profile store is read-only",
                "The file system of the profile store is read-only, so nothing was written; reads still work; retry"
                        + " later");
    }

    @ExceptionHandler
    ProblemDetail storeFailure(DataAccessException ex) {
        log.error("Store operation failed", ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Store failure",
                "The profile store could not complete the operation; see the server log");
    }

    /** The {@code {id}} of the request's path, as decoded by Spring MVC. */
    private static String profileId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? String.valueOf(map.get("id")) : "?";
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
