package tongban.sso.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A server's distribution zip as Maven put it in the local repository (Keycloak, Artemis), unpacked once into a
 * work folder without its top folder. Unpacked under a temporary name and moved into place, so an interrupted
 * unpack is never mistaken for a complete one.
 */
public final class UnpackedDistribution {

    private UnpackedDistribution() {
    }

    /** {@code <local repository>/<group path>/<artifact>/<version>/<file>}; fails with advice when it is missing. */
    public static Path inLocalRepository(String groupPath, String artifact, String version, String file) {
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path zip = Path.of(repo, groupPath, artifact, version, file);
        if (!Files.exists(zip)) {
            throw new IllegalStateException(artifact + " distribution not found at " + zip
                    + ": build the project first (mvn install), which fetches it from Maven Central");
        }
        return zip;
    }

    /** Unpacks {@code zip} to {@code home} unless {@code marker} (a file inside it) is already there. */
    public static Path unpack(Path zip, Path home, String marker) throws IOException {
        if (Files.exists(home.resolve(marker))) {
            return home;
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue; // the top folder <name>-<version>/
                }
                Path target = partial.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry outside the target folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteTree(home);
        Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        return home;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
