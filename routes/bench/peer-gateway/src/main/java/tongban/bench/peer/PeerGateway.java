package tongban.bench.peer;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
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

    /**
     * The gateway's client to the departments, pooled as the hub's is: up to {@value #PER_DEPARTMENT} connections to
     * each department (HttpClient 5 allows 5 per route by default, fewer than the benchmark's 16 connections; the
     * hub's {@code tongban.exchange} pools allow 32). The gateway's RestClient takes this factory.
     */
    @Bean
    ClientHttpRequestFactory departmentConnections() {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(PER_DEPARTMENT).setMaxConnTotal(PER_DEPARTMENT * 4).build();
        return new HttpComponentsClientHttpRequestFactory(HttpClients.custom().setConnectionManager(pool)
                .disableAutomaticRetries().build());
    }

    static final int PER_DEPARTMENT = 32;

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
