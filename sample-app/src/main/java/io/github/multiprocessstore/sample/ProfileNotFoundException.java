package io.github.multiprocessstore.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No live profile has the requested id (it never existed or was deleted); answered 404. */
final class ProfileNotFoundException extends ErrorResponseException {

    ProfileNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No profile with id '" + id + "' exists (never created, or deleted)");
        problem.setTitle("Profile not found");
        return problem;
    }
}
