package tongban.adapters.publicsecurity;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/** The SOAP client's transport: connect and receive timeouts for the SOAP client, so a slow register is a timeout, not a hung thread. */
record SoapTimeouts(long connectTimeoutMs, long receiveTimeoutMs) implements CxfConfigurer {

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
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    @Override
    public void configureServer(Server server) {
    }
}
