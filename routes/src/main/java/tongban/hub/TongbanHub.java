package tongban.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** 通办 — the exchange hub: one REST API over every department system, one message log. */
@SpringBootApplication(scanBasePackages = {"tongban.hub", "tongban.adapters"})
@ConfigurationPropertiesScan
@EnableScheduling
public class TongbanHub {

    public static void main(String[] args) {
        SpringApplication.run(TongbanHub.class, args);
    }
}
