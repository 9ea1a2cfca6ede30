package tongban.hub.deploy;

import tongban.adapters.publicsecurity.contract.RkxxPortType;
import tongban.adapters.publicsecurity.seal.YzglPortType;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.SoapPort;

import java.time.Duration;

/**
 * Builds every SOAP department's client (CXF's service model of its port type, its JAXB context) and exits 0 — run
 * by {@link PackagedHubIT} inside the packaged jar's own class path (PropertiesLauncher, this class added by
 * loader.path), where a JAXB or CXF piece only the tests had would fail here as it fails the first call in
 * production. The clients are built lazily in the hub, so starting the hub alone does not show it.
 */
public final class PackagedSoapClients {

    private PackagedSoapClients() {
    }

    public static void main(String[] args) throws Exception {
        CallLimits limits = CallLimits.defaults(Duration.ofSeconds(5));
        build(RkxxPortType.class, limits);
        build(YzglPortType.class, limits);
        System.out.println("SOAP CLIENTS BUILT");
    }

    private static <T> void build(Class<T> portType, CallLimits limits) {
        new SoapPort<>(portType, "http://127.0.0.1:1/" + portType.getSimpleName(), limits).get();
    }
}
