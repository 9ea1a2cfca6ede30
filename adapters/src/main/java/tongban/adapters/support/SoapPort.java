package tongban.adapters.support;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A SOAP department's port: the wsdl2java client of one WSDL port type, called from a route's processor. Its
 * transport is bounded like every department call — connect and receive timeouts (a slow register is a timeout, not
 * a hung thread; the hub's deadline bounds the whole call on top), no redirects, and an answer read no further than
 * its size limit. Only the request object travels: no header of the inbound call can reach the department.
 *
 * <p>The client (CXF's service model of the port type) is built by the first call, not at start-up: three of them
 * took ~0.5 s of the hub's start on the main thread, for a once-only cost to the first call. A CXF proxy is safe to
 * share between threads as long as its request context is not changed per call, which this one never is.
 */
public final class SoapPort<T> implements Supplier<T> {

    private final Class<T> portType;
    private final String address;
    private final CallLimits limits;
    private volatile T client;

    public SoapPort(Class<T> portType, String address, CallLimits limits) {
        this.portType = portType;
        this.address = address;
        this.limits = limits;
    }

    @Override
    public T get() {
        T built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build();
                    client = built;
                }
            }
        }
        return built;
    }

    private T build() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(portType);
        factory.setAddress(address);
        T port = factory.create(portType);
        Client cxf = ClientProxy.getClient(port);
        // The java.net.http conduit (CXF's default) fails the call that follows a SOAP fault on a reused
        // connection; the HttpURLConnection conduit handles keep-alive after faults correctly.
        cxf.getRequestContext().put("force.urlconnection.http.conduit", Boolean.TRUE);
        cxf.getEndpoint().getEndpointInfo().setProperty("force.urlconnection.http.conduit", Boolean.TRUE);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(limits.connectTimeout().toMillis());
        policy.setReceiveTimeout(limits.deadline().toMillis());
        policy.setAllowChunking(false);
        policy.setAutoRedirect(false);
        ((HTTPConduit) cxf.getConduit()).setClient(policy);
        cxf.getInInterceptors().add(new BoundedAnswer(limits.maxAnswerBytes()));
        cxf.getInFaultInterceptors().add(new BoundedAnswer(limits.maxAnswerBytes()));
        return port;
    }

    /** Wraps the answer's stream before anything reads it. */
    private static final class BoundedAnswer extends AbstractPhaseInterceptor<Message> {

        private final long limit;

        BoundedAnswer(long limit) {
            super(Phase.RECEIVE);
            this.limit = limit;
        }

        @Override
        public void handleMessage(Message message) {
            InputStream in = message.getContent(InputStream.class);
            if (in != null) {
                message.setContent(InputStream.class, AnswerTooLargeException.bounded(in, limit));
            }
        }
    }
}
