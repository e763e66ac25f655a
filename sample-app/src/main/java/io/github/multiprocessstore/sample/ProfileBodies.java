package io.github.multiprocessstore.sample;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a POST or PUT body into a {@link Profile}: {@code _id}, {@code email} and {@code displayName} must be JSON
 * strings when present (no coercion of numbers or booleans), then the profile must pass Bean Validation
 * ({@code @Email}, {@code @Size}). Every invalid field is reported at once; nothing is stored before this passes.
 * Fields the API does not name are kept as sent.
 */
@Component
class ProfileBodies {

    private static final List<String> STRING_FIELDS = List.of("_id", "email", "displayName");

    private final JsonMapper mapper;
    private final Validator validator;

    ProfileBodies(JsonMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * @param body the request body
     * @return the profile it describes
     * @throws InvalidProfileException listing every invalid field
     */
    Profile read(ObjectNode body) {
        List<InvalidProfileException.FieldError> errors = new ArrayList<>();
        for (String field : STRING_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !value.isString()) {
                errors.add(new InvalidProfileException.FieldError(
                        field,
                        "must be a JSON string, not "
                                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        Profile profile;
        try {
            profile = mapper.treeToValue(body, Profile.class);
        } catch (JacksonException e) {
            throw new BadProfileRequestException(
                    "Malformed request body", "The body is not a profile: " + e.getOriginalMessage());
        }
        for (ConstraintViolation<Profile> violation : validator.validate(profile)) {
            errors.add(new InvalidProfileException.FieldError(
                    jsonName(violation.getPropertyPath().toString()), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(InvalidProfileException.FieldError::field));
            throw new InvalidProfileException(errors);
        }
        return profile;
    }

    private static String jsonName(String property) {
        return switch (property) {
            case "id" -> "_id";
            case "rev" -> "_rev";
            default -> property;
        };
    }
}
