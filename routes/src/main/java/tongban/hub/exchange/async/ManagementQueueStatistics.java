package tongban.hub.exchange.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of an external broker (the prod profile, {@code spring.artemis.mode=native}), asked through its
 * management address ({@code activemq.management}) with JMS request/reply: the hub's broker user needs the
 * {@code manage} permission there. A queue the broker does not have (yet) counts as empty.
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
class ManagementQueueStatistics implements QueueStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementQueueStatistics.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ConnectionFactory connections;

    ManagementQueueStatistics(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** One session and one reply queue for every department's six questions. */
    @Override
    public Map<String, Counts> of(List<String> departments) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        departments.forEach(department -> counts.put(department, Counts.NONE));
        try (Connection connection = connections.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue replies = session.createTemporaryQueue();
            try (MessageProducer requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                 MessageConsumer answers = session.createConsumer(replies)) {
                connection.start();
                Asker ask = (queue, attribute) -> {
                    Message request = session.createMessage();
                    JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
                    request.setJMSReplyTo(replies);
                    requests.send(request);
                    Message answer = answers.receive(2_000);
                    if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
                        return 0L;
                    }
                    return ((Number) JMSManagementHelper.getResult(answer)).longValue();
                };
                for (String department : departments) {
                    String queue = DepartmentQueues.queue(department);
                    counts.put(department, new Counts(ask.get(queue, "messageCount"),
                            (int) ask.get(queue, "consumerCount"), ask.get(queue, "deliveringCount"),
                            ask.get(queue, "messagesAdded"), ask.get(queue, "messagesAcknowledged"),
                            ask.get(DepartmentQueues.deadLetterQueue(department), "messageCount")));
                }
            }
        } catch (Exception e) {
            LOG.debug("queue counts unavailable: {}", e.toString());
        }
        return counts;
    }

    private interface Asker {
        long get(String queue, String attribute) throws Exception;
    }
}
