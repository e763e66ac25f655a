package io.github.multiprocessstore.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the API refuses before touching the store; answered 400 with a problem detail saying why. */
final class BadProfileRequestException extends ErrorResponseException {

    BadProfileRequestException(String title, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(title, detail), null);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(title);
        return problem;
    }
}
