package tongban.sso.keycloak;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Keycloak server started by {@link KeycloakLauncher}. */
public record RunningKeycloak(Process process, String url, Path log) {

    public String issuer() {
        return url + "/realms/" + KeycloakLauncher.REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** Stops the server and the JVM that {@code kc.sh} started under it. */
    public void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
