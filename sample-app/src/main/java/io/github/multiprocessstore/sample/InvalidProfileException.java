package io.github.multiprocessstore.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A profile body with invalid fields; answered 400 with a problem detail whose {@code errors} array has one
 * {@code {"field": ..., "message": ...}} per invalid field.
 */
final class InvalidProfileException extends ErrorResponseException {

    InvalidProfileException(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
    }

    private static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The profile has invalid fields: "
                        + errors.stream()
                                .map(error -> "'" + error.field() + "' " + error.message())
                                .collect(Collectors.joining("; ")));
        problem.setTitle("Invalid profile");
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(error -> Map.of("field", error.field(), "message", error.message()))
                        .toList());
        return problem;
    }

    /**
     * One invalid field.
     *
     * @param field   the JSON property
     * @param message what is wrong with it
     */
    record FieldError(String field, String message) {}
}
