package tongban.adapters.publicsecurity;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * The SOAP client's transport: connect and receive timeouts, so a slow register is a timeout, not a hung thread
 * (the hub's deadline bounds the whole call on top); no redirects; and an answer read no further than its size
 * limit.
 */
record SoapTimeouts(long connectTimeoutMs, long receiveTimeoutMs, long maxAnswerBytes) implements CxfConfigurer {

    @Override
    public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
    }

    @Override
    public void configureClient(Client client) {
        // The java.net.http conduit (CXF's default) fails the call that follows a SOAP fault on a reused
        // connection; the HttpURLConnection conduit handles keep-alive after faults correctly.
        client.getRequestContext().put("force.urlconnection.http.conduit", Boolean.TRUE);
        client.getEndpoint().getEndpointInfo().setProperty("force.urlconnection.http.conduit", Boolean.TRUE);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeoutMs);
        policy.setReceiveTimeout(receiveTimeoutMs);
        policy.setAllowChunking(false);
        policy.setAutoRedirect(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        client.getInInterceptors().add(new BoundedAnswer(maxAnswerBytes));
        client.getInFaultInterceptors().add(new BoundedAnswer(maxAnswerBytes));
    }

    @Override
    public void configureServer(Server server) {
    }

    /** Wraps the answer's stream before anything reads it. */
    static final class BoundedAnswer extends org.apache.cxf.phase.AbstractPhaseInterceptor<org.apache.cxf.message.Message> {

        private final long limit;

        BoundedAnswer(long limit) {
            super(org.apache.cxf.phase.Phase.RECEIVE);
            this.limit = limit;
        }

        @Override
        public void handleMessage(org.apache.cxf.message.Message message) {
            java.io.InputStream in = message.getContent(java.io.InputStream.class);
            if (in != null) {
                message.setContent(java.io.InputStream.class,
                        tongban.adapters.support.AnswerTooLargeException.bounded(in, limit));
            }
        }
    }
}
