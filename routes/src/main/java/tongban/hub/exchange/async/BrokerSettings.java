package tongban.hub.exchange.async;

import java.time.Duration;

/**
 * Prints the {@code broker.xml} address settings an external Artemis broker needs for the hub (the prod profile),
 * for the default {@code tongban.exchange.async.*} values:
 * {@code java -Dloader.main=tongban.hub.exchange.async.BrokerSettings -cp tongban-hub.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher} — paste the output inside {@code <address-settings>}.
 */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    public static void main(String[] args) {
        System.out.print(DepartmentQueues.addressSettingsXml(new AsyncProperties(5, Duration.ofSeconds(2), 2.0,
                Duration.ofMinutes(5), 4, Duration.ofSeconds(10), Duration.ofHours(72))));
    }
}
