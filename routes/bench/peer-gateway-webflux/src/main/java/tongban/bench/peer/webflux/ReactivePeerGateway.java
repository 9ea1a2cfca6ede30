package tongban.bench.peer.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * The benchmark's reactive peer: Spring Cloud Gateway Server WebFlux routing each department's own API through
 * unchanged (routes in application.yml), every call carrying a Keycloak token that Spring Security checks the way the
 * MVC peer does (signature against the realm's keys, issuer, audience — Boot's resource-server properties; no cache of
 * verified tokens). Its client to the departments is Reactor Netty's, pooled to the hub's 32 connections a department.
 */
@SpringBootApplication
public class ReactivePeerGateway {

    public static void main(String[] args) {
        SpringApplication.run(ReactivePeerGateway.class, args);
    }

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookie to forge a request with
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }
}
