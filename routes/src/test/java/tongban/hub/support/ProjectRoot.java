package tongban.hub.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder (the one with {@code sso/realm}), whichever module the tests run from. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sso/realm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (a folder with sso/realm) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
