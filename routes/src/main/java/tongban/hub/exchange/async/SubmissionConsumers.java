package tongban.hub.exchange.async;

import jakarta.jms.JMSException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.springframework.stereotype.Component;

/**
 * The Camel routes that work the department queues: {@code submissions-<department>}, transacted, so that an
 * attempt that should be tried again is rolled back and the broker redelivers it after its back-off — or, after
 * the last attempt, moves it to the department's dead-letter queue. Nothing is acknowledged before its outcome
 * is stored.
 */
@Component
class SubmissionConsumers extends RouteBuilder {

    private final SubmissionService submissions;
    private final DepartmentQueues queues;
    private final AsyncProperties properties;

    SubmissionConsumers(SubmissionService submissions, DepartmentQueues queues, AsyncProperties properties) {
        this.submissions = submissions;
        this.queues = queues;
        this.properties = properties;
    }

    @Override
    public void configure() {
        for (String department : queues.departments()) {
            from("jms:queue:" + DepartmentQueues.queue(department)
                    + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                    + "&concurrentConsumers=" + properties.consumers()
                    + "&maxConcurrentConsumers=" + properties.consumers()
                    // a rolled-back attempt is expected, not an error: the outcome is logged by SubmissionService
                    + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                    .routeId("submissions-" + department)
                    .errorHandler(noErrorHandler())
                    .process(this::attempt);
        }
    }

    private void attempt(Exchange exchange) throws JMSException {
        jakarta.jms.Message message = exchange.getMessage(JmsMessage.class).getJmsMessage();
        String id = message.getStringProperty(SubmissionService.SUBMISSION_ID);
        int deliveryCount = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        if (submissions.process(id, deliveryCount) == SubmissionService.Next.REDELIVER) {
            exchange.setRollbackOnly(true);
        }
    }
}
