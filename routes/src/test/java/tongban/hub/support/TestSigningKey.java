package tongban.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A second RS256 signing key for the test realm, made fresh for each test run (never committed): imported at the
 * lowest priority, so Keycloak never signs with it, but published in its JWKS — which lets tests sign tokens with
 * a valid signature and wrong claims (expired, not yet valid, other issuer or audience) and prove that the hub
 * checks the claims, not only the signature.
 */
public record TestSigningKey(PrivateKey privateKey, RSAPublicKey publicKey, String certificateBase64) {

    /** Generates the key with the JDK's keytool (which also self-signs the certificate Keycloak wants). */
    static TestSigningKey generate(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("test-signing-key.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=tongban-test-only", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "test-only", "-keypass", "test-only").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool could not make the test signing key");
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "test-only".toCharArray());
            Certificate certificate = keys.getCertificate("test");
            return new TestSigningKey((PrivateKey) keys.getKey("test", "test-only".toCharArray()),
                    (RSAPublicKey) certificate.getPublicKey(),
                    Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key could not be read", e);
        }
    }

    /** The realm overlay that imports the key (JSON), written into {@code dir}. */
    Path writeOverlay(Path dir) throws IOException {
        String json = """
                {
                  "components": {
                    "org.keycloak.keys.KeyProvider": [
                      {
                        "name": "tongban-test-only-key",
                        "providerId": "rsa",
                        "subComponents": {},
                        "config": {
                          "priority": ["-100"],
                          "enabled": ["true"],
                          "active": ["true"],
                          "algorithm": ["RS256"],
                          "privateKey": ["%s"],
                          "certificate": ["%s"]
                        }
                      }
                    ]
                  }
                }
                """.formatted(Base64.getEncoder().encodeToString(privateKey.getEncoded()), certificateBase64);
        Files.createDirectories(dir);
        Path overlay = dir.resolve("tongban-test-keys.json");
        Files.writeString(overlay, json);
        return dir;
    }
}
