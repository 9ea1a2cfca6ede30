package tongban.hub.exchange.async;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;

import java.util.List;

/**
 * One durable queue per department ({@code tongban.exchange.<department>}) with the broker's redelivery back-off
 * and a dead-letter queue per department ({@code DLQ.tongban.exchange.<department>}, created by the broker on the
 * {@code DLA} address). Applied to the embedded broker here; an external broker gets the same address settings
 * in its {@code broker.xml}.
 */
@Component
public class DepartmentQueues implements ArtemisConfigurationCustomizer {

    public static final String PREFIX = "tongban.exchange.";
    public static final String DEAD_LETTER_ADDRESS = "DLA";
    public static final String DEAD_LETTER_PREFIX = "DLQ.";
    /** Artemis's duplicate-detection property: a second message with the same value is dropped by the broker. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final AsyncProperties properties;
    private final List<String> departments;

    DepartmentQueues(AsyncProperties properties, ServiceRegistry registry) {
        this.properties = properties;
        this.departments = registry.departments();
    }

    public static String queue(String department) {
        return PREFIX + department;
    }

    public static String deadLetterQueue(String department) {
        return DEAD_LETTER_PREFIX + queue(department);
    }

    /** The dead-letter queue's fully qualified name ({@code DLA::DLQ.…}), as a JMS client must address it. */
    public static String deadLetterQueueFqqn(String department) {
        return DEAD_LETTER_ADDRESS + "::" + deadLetterQueue(department);
    }

    /** What keeps a department's dead-letter queue to its own dead letters on the shared {@code DLA} address. */
    static String deadLetterFilter(String department) {
        return "_AMQ_ORIG_ADDRESS = '" + queue(department) + "'";
    }

    public List<String> departments() {
        return departments;
    }

    @Override
    public void customize(Configuration configuration) {
        configure(configuration, properties, departments);
    }

    /** The broker settings of the department queues; also used by the queue benchmark's plain-JMS baseline. */
    public static void configure(Configuration configuration,
                                 AsyncProperties properties, List<String> departments) {
        configuration.addAddressSetting(PREFIX + "#", new AddressSettings()
                .setMaxDeliveryAttempts(properties.maxAttempts())
                .setRedeliveryDelay(properties.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(properties.redeliveryMultiplier())
                .setMaxRedeliveryDelay(properties.maxRedeliveryDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of(DEAD_LETTER_PREFIX))
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false));
        for (String department : departments) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue(department))
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            // exactly what the broker would auto-create on the first dead letter, there from the start so that
            // browsing an empty one (the ops console) cannot create it without its filter
            configuration.addQueueConfiguration(QueueConfiguration.of(deadLetterQueue(department))
                    .setAddress(DEAD_LETTER_ADDRESS).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                    .setFilterString(deadLetterFilter(department)));
        }
    }

    /**
     * The settings of {@link #configure} as {@code broker.xml} address settings, for an external broker (the prod
     * profile): the broker does the redelivery, so its settings and {@code tongban.exchange.async.*} must agree.
     * The dead-letter address creates no queue on a mere browse, only the broker's own per-department DLQ.
     */
    public static String addressSettingsXml(AsyncProperties properties) {
        return """
                <address-setting match="%s#">
                   <dead-letter-address>%s</dead-letter-address>
                   <auto-create-dead-letter-resources>true</auto-create-dead-letter-resources>
                   <dead-letter-queue-prefix>%s</dead-letter-queue-prefix>
                   <max-delivery-attempts>%d</max-delivery-attempts>
                   <redelivery-delay>%d</redelivery-delay>
                   <redelivery-delay-multiplier>%s</redelivery-delay-multiplier>
                   <max-redelivery-delay>%d</max-redelivery-delay>
                   <auto-delete-queues>false</auto-delete-queues>
                   <auto-delete-addresses>false</auto-delete-addresses>
                </address-setting>
                <address-setting match="%s">
                   <auto-create-queues>false</auto-create-queues>
                </address-setting>
                """.formatted(PREFIX, DEAD_LETTER_ADDRESS, DEAD_LETTER_PREFIX, properties.maxAttempts(),
                properties.redeliveryDelay().toMillis(), properties.redeliveryMultiplier(),
                properties.maxRedeliveryDelay().toMillis(), DEAD_LETTER_ADDRESS);
    }
}
