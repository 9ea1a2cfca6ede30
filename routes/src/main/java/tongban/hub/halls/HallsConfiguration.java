package tongban.hub.halls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The halls file, read once at start. */
@Configuration(proxyBeanMethods = false)
class HallsConfiguration {

    @Bean
    Halls halls() {
        return Halls.fromClasspath();
    }
}
