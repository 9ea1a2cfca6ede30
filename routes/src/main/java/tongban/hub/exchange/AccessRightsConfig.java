package tongban.hub.exchange;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients' access rights, read once at start from their files (and property overrides). */
@Configuration
class AccessRightsConfig {

    @Bean
    AccessRights accessRights(ExchangeProperties properties, ServiceRegistry registry) {
        AccessRights rights = AccessRights.load(properties.accessRightsLocations(), properties.accessRights(), registry);
        LoggerFactory.getLogger(AccessRights.class).info("access rights granted to {}", rights.clients());
        return rights;
    }
}
