package tongban.bench.peer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The benchmark's peer, set up as a city's architect would without Tongban: Spring Cloud Gateway Server MVC routing
 * each department's own API through unchanged (routes in application.yml), every call carrying a Keycloak token that
 * Spring Security checks (signature against the realm's keys, issuer, audience — Boot's resource-server properties).
 * No mapping, no access rules per service, no message log: the floor the hub is compared with.
 */
@SpringBootApplication
public class PeerGateway {

    public static void main(String[] args) {
        SpringApplication.run(PeerGateway.class, args);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie to forge a request with
                .build();
    }
}
