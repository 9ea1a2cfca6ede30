package tongban.hub.exchange.async;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the counts straight from the embedded broker's queues: no messages are touched, nothing is browsed. With an
 * external broker {@link ManagementQueueStatistics} takes over.
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedQueueStatistics implements QueueStatistics {

    private final ObjectProvider<EmbeddedActiveMQ> broker;

    EmbeddedQueueStatistics(ObjectProvider<EmbeddedActiveMQ> broker) {
        this.broker = broker;
    }

    @Override
    public Map<String, Counts> of(List<String> departments) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        departments.forEach(department -> counts.put(department, of(department)));
        return counts;
    }

    private Counts of(String department) {
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
