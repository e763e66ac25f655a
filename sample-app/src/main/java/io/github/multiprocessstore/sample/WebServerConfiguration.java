package io.github.multiprocessstore.sample;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets an encoded slash or backslash ({@code %2F}, {@code %5C}) in a path reach the application, still encoded.
 * Tomcat's defaults refuse such a request with a bare HTML 400 page before Spring sees it; passed through,
 * {@code /profiles/a%2Fb} matches {@code /profiles/{id}} with the id {@code a/b}, which {@link ProfileIds}
 * refuses with a problem detail that says why. Routing is not loosened: Spring matches the still-encoded path
 * segment by segment and decodes only the captured id. (Requests Tomcat cannot parse at all, such as {@code %00}
 * or a broken escape, still get Tomcat's own 400.)
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheApplication() {
        return connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        };
    }
}
