package io.github.multiprocessstore.cli.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as the Spring Boot starter's properties take them: {@code 30d}, {@code 12h}, {@code 5m},
 * {@code 10s}, {@code 500ms}, {@code 100us}, {@code 1ns}, a bare number of milliseconds, or ISO-8601
 * ({@code PT1H}).
 */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

    private Durations() {}

    /**
     * @param option the option's name, for the message
     * @param text   what the operator wrote
     * @return the duration
     * @throws CliException (usage) if the text is not a duration
     */
    public static Duration parse(String option, String text) {
        String value = text.trim();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P") || value.startsWith("-P")) {
                return Duration.parse(value);
            }
            Matcher matcher = SIMPLE.matcher(value);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                    case "ns":
                        return Duration.ofNanos(amount);
                    case "us":
                        return Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                    case "", "ms":
                        return Duration.ofMillis(amount);
                    case "s":
                        return Duration.ofSeconds(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    case "h":
                        return Duration.ofHours(amount);
                    case "d":
                        return Duration.ofDays(amount);
                    default:
                        break;
                }
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw CliException.usage("Invalid value '" + text + "' for option '" + option
                + "': use a duration such as 30d, 12h, 5m, 10s, 500ms or PT1H");
    }
}
