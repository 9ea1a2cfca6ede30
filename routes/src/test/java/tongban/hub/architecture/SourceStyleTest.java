package tongban.hub.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a reader of the production sources can count on beyond what the compiler checks. */
class SourceStyleTest {

    private static final List<Path> PRODUCTION = List.of(Path.of("src/main/java"), Path.of("../adapters/src/main/java"),
            Path.of("../adapters/tools/src/main/java"), Path.of("../sso/src/main/java"),
            Path.of("../sso/extensions/src/main/java"), Path.of("../sso/launcher/src/main/java"),
            Path.of("../mocks/src/main/java"));
    /** A package-qualified class name in code (not in an import, a comment or a string). */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.\"])(?:java|javax|jakarta|org|com|tongban)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

    /** Names are imported once at the top, so a class's dependencies are read in one place, not found inline. */
    @Test
    void classesAreNamedByTheirImportsNotInline() throws IOException {
        List<String> inline = new ArrayList<>();
        for (Path root : PRODUCTION) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int n = 0; n < lines.size(); n++) {
                        String code = code(lines.get(n));
                        Matcher m = QUALIFIED.matcher(code);
                        if (m.find()) {
                            inline.add(file.getFileName() + ":" + (n + 1) + " " + m.group());
                        }
                    }
                }
            }
        }

        assertThat(inline).isEmpty();
    }

    /** The line without imports, comments and string literals. */
    private static String code(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("import ") || trimmed.startsWith("package ") || trimmed.startsWith("*")
                || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
            return "";
        }
        String withoutStrings = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        int comment = withoutStrings.indexOf("//");
        return comment < 0 ? withoutStrings : withoutStrings.substring(0, comment);
    }
}
