package io.github.multiprocessstore.sample;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets an encoded slash or backslash ({@code %2F}, {@code %5C}) in a path reach the application, still encoded.
 * Tomcat's defaults refuse such a request with a bare HTML 400 page before Spring sees it; passed through,
 * {@code /profiles/a%2Fb} matches {@code /profiles/{id}} with the id {@code a/b}, which {@link ProfileIds}
 * refuses with a problem detail that says why. Routing is not loosened: Spring matches the still-encoded path
 * segment by segment and decodes only the captured id. Requests Tomcat cannot take at all, such as {@code %00} or
 * escapes that are not UTF-8, still get a 400 from Tomcat itself, written as problem+json by
 * {@link RejectedRequestProblemValve}.
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

    @Bean
    TomcatContextCustomizer problemDetailsForRequestsTomcatRefuses(JsonMapper jsonMapper) {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                // Naming the class keeps the host from adding Tomcat's own ErrorReportValve when it starts.
                host.setErrorReportValveClass(RejectedRequestProblemValve.class.getName());
                // Once every customizer has run (Boot's own adds an ErrorReportValve), replace them all by ours.
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        replaceErrorReportValves(host, new RejectedRequestProblemValve(jsonMapper));
                    }
                });
            }
        };
    }

    private static void replaceErrorReportValves(StandardHost host, RejectedRequestProblemValve replacement) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(replacement);
    }
}
