package tongban.hub.exchange.async;

import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The Camel routes that work the department queues: {@code submissions-<department>}, transacted. An attempt to be
 * tried again later goes back on the queue with a scheduled delivery time, in the same transaction that acknowledges
 * this delivery, so a department's maintenance window is waited out without spending the broker's delivery attempts;
 * one for the dead letters goes to the department's dead-letter queue the same way. Nothing is acknowledged before
 * its outcome is stored; a delivery that ends without an outcome (the hub's own failure) is rolled back and the
 * broker redelivers it.
 */
@Component
class SubmissionConsumers extends RouteBuilder {

    /** Artemis: deliver this message not before (epoch ms). */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** Artemis: the address a dead letter came from (the department dead-letter queues filter on it). */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    private final SubmissionService submissions;
    private final DepartmentQueues queues;
    private final AsyncProperties properties;

    private final ExternalDeadLetterQueues deadLetterQueues;

    SubmissionConsumers(SubmissionService submissions, DepartmentQueues queues, AsyncProperties properties,
                        ExternalDeadLetterQueues deadLetterQueues) {
        this.deadLetterQueues = deadLetterQueues;
        this.submissions = submissions;
        this.queues = queues;
        this.properties = properties;
    }

    @Override
    public void configure() {
        for (String department : queues.departments()) {
            from("jms:queue:" + DepartmentQueues.queue(department)
                    + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                    // the listener works in the session that received the message (the starter's default is a new
                    // session per message): a copy sent back for later commits with this delivery's acknowledgement
                    + "&exposeListenerSession=true"
                    + "&concurrentConsumers=" + properties.consumers()
                    + "&maxConcurrentConsumers=" + properties.consumers()
                    // a rolled-back attempt is expected, not an error: the outcome is logged by SubmissionService
                    + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                    .routeId("submissions-" + department)
                    .errorHandler(noErrorHandler())
                    .process(this::attempt);
        }
    }

    private void attempt(Exchange exchange) throws Exception {
        JmsMessage jms = exchange.getMessage(JmsMessage.class);
        Message message = jms.getJmsMessage();
        String id = message.getStringProperty(SubmissionService.SUBMISSION_ID);
        long waitingSince = message.propertyExists(SubmissionService.WAITING_SINCE)
                ? message.getLongProperty(SubmissionService.WAITING_SINCE) : 0;
        SubmissionService.Next next = submissions.process(id, waitingSince);
        if (next.kind() == SubmissionService.Next.Kind.ACKNOWLEDGE) {
            return;
        }
        Session session = jms.getJmsSession();
        String body = ((TextMessage) message).getText();
        String department = department(exchange);
        String again = id + "/" + UUID.randomUUID(); // a new duplicate-detection id: the broker remembers this one
        TextMessage copy = SubmissionService.message(session, body, id, again,
                waitingSince > 0 ? waitingSince : System.currentTimeMillis());
        Queue target;
        if (next.kind() == SubmissionService.Next.Kind.LATER) {
            copy.setLongProperty(SCHEDULED_DELIVERY, System.currentTimeMillis() + next.delay().toMillis());
            target = session.createQueue(DepartmentQueues.queue(department));
        } else {
            copy.setStringProperty(ORIGINAL_ADDRESS, DepartmentQueues.queue(department));
            copy.setStringProperty(ORIGINAL_QUEUE, DepartmentQueues.queue(department));
            deadLetterQueues.ensure(department);
            target = session.createQueue(DepartmentQueues.deadLetterQueueFqqn(department));
        }
        try (MessageProducer producer = session.createProducer(target)) {
            producer.send(copy);
        }
    }

    private static String department(Exchange exchange) {
        return exchange.getFromRouteId().substring("submissions-".length());
    }
}
