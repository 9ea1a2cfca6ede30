package tongban.hub.exchange.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure a department's dead-letter queue exists before the hub sends a submission there itself (one that
 * waited longer than its department's maximum age, or failed its last attempt). The embedded broker has them from
 * the start ({@link DepartmentQueues}); an external broker creates one only at its own first dead letter, so the
 * hub asks it, through its management address, to create the very same queue (address {@code DLA}, the filter on
 * the original address) — once per department and hub.
 */
@Component
class ExternalDeadLetterQueues {

    private final ConnectionFactory connections;
    private final boolean external;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    ExternalDeadLetterQueues(ConnectionFactory connections, Environment environment) {
        this.connections = connections;
        this.external = "native".equals(environment.getProperty("spring.artemis.mode"));
    }

    void ensure(String department) throws Exception {
        if (!external || ensured.contains(department)) {
            return;
        }
        String configuration = QueueConfiguration.of(DepartmentQueues.deadLetterQueue(department))
                .setAddress(DepartmentQueues.DEAD_LETTER_ADDRESS).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setFilterString(DepartmentQueues.deadLetterFilter(department)).toJSON();
        try (Connection connection = connections.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue replies = session.createTemporaryQueue();
            try (MessageProducer requests = session.createProducer(session.createQueue("activemq.management"));
                 MessageConsumer answers = session.createConsumer(replies)) {
                connection.start();
                Message request = session.createMessage();
                JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "createQueue",
                        configuration, true);
                request.setJMSReplyTo(replies);
                requests.send(request);
                Message answer = answers.receive(5_000);
                if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
                    throw new IllegalStateException("the broker did not create " + DepartmentQueues.deadLetterQueue(department)
                            + (answer == null ? " (no answer)" : ": " + JMSManagementHelper.getResult(answer)));
                }
            }
        }
        ensured.add(department);
    }
}
