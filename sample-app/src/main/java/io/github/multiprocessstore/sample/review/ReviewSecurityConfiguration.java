package io.github.multiprocessstore.sample.review;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Sign-in for the review pages only. They show whole profiles and choose whose write survives, so {@code /review/**}
 * needs a signed-in user (form login for browsers, HTTP Basic for other clients; CSRF tokens on every form), with
 * the user of {@code spring.security.user.name}/{@code password}. The chain matches {@code /review/**},
 * {@code /login} and {@code /logout} and nothing else: the profile API, {@code /profile-changes} and actuator answer
 * exactly as without Spring Security (no credentials, no CSRF token, no added headers).
 *
 * <p>Spring Security's request firewall runs before any chain is chosen, for every request; its strict checks
 * (refusing {@code %2F}, {@code %25}, {@code ;}) would change the API's documented answers (an encoded slash in an id
 * must reach the controller and get its problem detail; ids may hold {@code %} and {@code ;}). So the strict firewall
 * guards the paths of this chain only, judged on the path the servlet container decoded and normalised (the one the
 * chain's matchers see), and every other request passes as it came.
 */
@Configuration(proxyBeanMethods = false)
class ReviewSecurityConfiguration {

    /** The paths signed-in users reach, plus sign-in and sign-out. */
    static final String[] SECURED = {"/review", "/review/**", "/login", "/logout"};

    @Bean
    SecurityFilterChain reviewSecurity(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("multiprocess-store review");
        basic.afterPropertiesSet();
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        http.securityMatcher(SECURED)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/review"))
                .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), browsers)
                        .defaultAuthenticationEntryPointFor(basic, request -> true));
        return http.build();
    }

    @Bean
    WebSecurityCustomizer strictFirewallOnTheReviewPathsOnly() {
        return web -> web.httpFirewall(new ReviewPathsFirewall());
    }

    /** The strict firewall for the secured paths; the others pass unchanged. */
    static final class ReviewPathsFirewall implements HttpFirewall {

        private final StrictHttpFirewall strict = new StrictHttpFirewall();

        @Override
        public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            if (isSecured(request)) {
                return strict.getFirewalledRequest(request);
            }
            return new FirewalledRequest(request) {
                @Override
                public void reset() {}
            };
        }

        @Override
        public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return strict.getFirewalledResponse(response);
        }

        private static boolean isSecured(HttpServletRequest request) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            return path.equals("/review")
                    || path.startsWith("/review/")
                    || path.equals("/login")
                    || path.startsWith("/login/")
                    || path.equals("/logout")
                    || path.startsWith("/logout/");
        }
    }
}
