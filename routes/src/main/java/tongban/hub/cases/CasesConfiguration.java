package tongban.hub.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tongban.hub.exchange.ServiceRegistry;

/** Reads what can be applied for, once, at start; a file naming what the exchange does not offer stops the start. */
@Configuration(proxyBeanMethods = false)
class CasesConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CasesConfiguration.class);

    @Bean
    Applications applications(CasesProperties properties, ServiceRegistry registry) {
        Applications applications = Applications.load(properties.location(), registry);
        LOG.info("cases: {} items and {} one-thing bundles may be applied for", applications.items().size(),
                applications.bundles().size());
        return applications;
    }
}
