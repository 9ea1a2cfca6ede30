package tongban.hub.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Tongban's Keycloak provider jar ({@code sso/extensions}) as the tests' Keycloak installs it: the built jar when the
 * build packaged it ({@code mvn verify}), otherwise one made here from the classes on the test class path — with the
 * two check-digit classes that the packaged jar carries from {@code adapters}.
 */
final class KeycloakExtensionsJar {

    private static final String MARKER = "theme/tongban/login/theme.properties";
    private static final List<String> SHADED = List.of("tongban/adapters/support/ResidentIdNumber.class",
            "tongban/adapters/support/UnifiedSocialCreditCode.class");

    private KeycloakExtensionsJar() {
    }

    static Path locate(Path workDir) throws IOException {
        URL marker = KeycloakExtensionsJar.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("tongban-keycloak-extensions is not on the test class path");
        }
        try {
            if (marker.getProtocol().equals("jar")) {
                String file = marker.getPath().substring("file:".length(), marker.getPath().indexOf("!/"));
                return Path.of(new java.net.URI("file:" + file));
            }
            Path classes = Path.of(marker.toURI()).getParent().getParent().getParent().getParent();
            return jarOf(classes, workDir.resolve("tongban-keycloak-extensions.jar"));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             var tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
            for (String shaded : SHADED) {
                out.putNextEntry(new JarEntry(shaded));
                try (var in = KeycloakExtensionsJar.class.getClassLoader().getResourceAsStream(shaded)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
