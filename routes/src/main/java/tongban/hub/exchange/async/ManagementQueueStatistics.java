package tongban.hub.exchange.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
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
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The counts of an external broker (the prod profile, {@code spring.artemis.mode=native}), asked through its
 * management address ({@code activemq.management}) with JMS request/reply: the hub's broker user needs the
 * {@code manage} permission there. A queue the broker does not have (yet) counts as empty.
 */
@Component
@Primary
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
class ManagementQueueStatistics implements QueueStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementQueueStatistics.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ConnectionFactory connections;

    ManagementQueueStatistics(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Counts of(String department) {
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
                String queue = DepartmentQueues.queue(department);
                return new Counts(ask.get(queue, "messageCount"), (int) ask.get(queue, "consumerCount"),
                        ask.get(queue, "deliveringCount"), ask.get(queue, "messagesAdded"),
                        ask.get(queue, "messagesAcknowledged"),
                        ask.get(DepartmentQueues.deadLetterQueue(department), "messageCount"));
            }
        } catch (Exception e) {
            LOG.debug("queue counts of {} unavailable: {}", department, e.toString());
            return Counts.NONE;
        }
    }

    private interface Asker {
        long get(String queue, String attribute) throws Exception;
    }
}
