package tongban.hub.exchange.async;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads the counts straight from the embedded broker's queues: no messages are touched, nothing is browsed. With an
 * external broker {@link ManagementQueueStatistics} takes over.
 */
@Component
class EmbeddedQueueStatistics implements QueueStatistics {

    private final ObjectProvider<EmbeddedActiveMQ> broker;

    EmbeddedQueueStatistics(ObjectProvider<EmbeddedActiveMQ> broker) {
        this.broker = broker;
    }

    @Override
    public Counts of(String department) {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        ActiveMQServer server = embedded == null ? null : embedded.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return Counts.NONE;
        }
        Queue queue = server.locateQueue(SimpleString.of(DepartmentQueues.queue(department)));
        Queue dead = server.locateQueue(SimpleString.of(DepartmentQueues.deadLetterQueue(department)));
        long deadLetters = dead == null ? 0 : dead.getMessageCount();
        if (queue == null) {
            return new Counts(0, 0, 0, 0, 0, deadLetters);
        }
        return new Counts(queue.getMessageCount(), queue.getConsumerCount(), queue.getDeliveringCount(),
                queue.getMessagesAdded(), queue.getMessagesAcknowledged(), deadLetters);
    }
}
