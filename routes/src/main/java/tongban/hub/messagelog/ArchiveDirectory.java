package tongban.hub.messagelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The message log outside the database: {@code archives/message-log-<day>-<first seq>.jsonl.gz} (one JSON line per entry, the
 * chain's own fields) each with its signed {@code .manifest.json}, and {@code anchors/anchors-<month>.jsonl} (one
 * signed chain head per line). Every file is written under a temporary name, forced to disk and then renamed: a
 * data file without its manifest is a crash's leftover, never an archive.
 */
public final class ArchiveDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_SUFFIX = ".jsonl.gz";
    private static final String MANIFEST_SUFFIX = ".manifest.json";

    private final Path archives;
    private final Path anchors;

    public ArchiveDirectory(Path root) {
        this.archives = root.resolve("archives");
        this.anchors = root.resolve("anchors");
        try {
            Files.createDirectories(archives);
            Files.createDirectories(anchors);
        } catch (IOException e) {
            throw new UncheckedIOException("the message-log archive directory " + root + " cannot be made", e);
        }
    }

    /** Receives the entries of an archive being written, in chain order. */
    interface EntrySink {
        void accept(StoredEntry entry) throws IOException;
    }

    /**
     * Writes the archive of {@code period} from the entries {@code source} hands over, signs its manifest and puts both
     * in place — data first, manifest last.
     */
    ArchiveManifest write(LocalDate period, long firstSeq, String prevHash, Consumer<EntrySink> source, ArchiveKey key,
                          Instant now) throws IOException {
        String name = name(period, firstSeq);
        Path partial = archives.resolve(name + DATA_SUFFIX + ".partial");
        MessageDigest sha256 = sha256();
        long[] count = {0};
        long[] first = {0};
        long[] last = {0};
        String[] lastHash = {prevHash};
        try (OutputStream file = Files.newOutputStream(partial);
             Writer out = new BufferedWriter(new OutputStreamWriter(
                     new GZIPOutputStream(new DigestOutputStream(file, sha256)), StandardCharsets.UTF_8))) {
            source.accept(entry -> {
                out.write(line(entry));
                out.write('\n');
                first[0] = count[0] == 0 ? entry.seq() : first[0];
                last[0] = entry.seq();
                lastHash[0] = entry.entryHash();
                count[0]++;
            });
        }
        if (count[0] == 0) {
            Files.delete(partial);
            throw new IllegalStateException("no entries to archive for " + period);
        }
        force(partial);
        Path data = archives.resolve(name + DATA_SUFFIX);
        Files.move(partial, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ArchiveManifest manifest = new ArchiveManifest(period, data.getFileName().toString(), count[0], first[0],
                last[0], prevHash, lastHash[0], HexFormat.of().formatHex(sha256.digest()), now, null).signedWith(key);
        writeAtomically(archives.resolve(name + MANIFEST_SUFFIX), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json(manifest)) + "\n");
        force(archives);
        return manifest;
    }

    /** Every archive with its manifest, oldest first. */
    public List<ArchiveManifest> manifests() {
        try (Stream<Path> files = Files.list(archives)) {
            List<ArchiveManifest> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(MANIFEST_SUFFIX)).toList()) {
                all.add(readManifest(file));
            }
            all.sort(Comparator.comparingLong(ArchiveManifest::firstSeq));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive of {@code period} starting at {@code firstSeq}, if one was written. */
    Optional<ArchiveManifest> manifest(LocalDate period, long firstSeq) {
        Path file = archives.resolve(name(period, firstSeq) + MANIFEST_SUFFIX);
        return Files.exists(file) ? Optional.of(readManifest(file)) : Optional.empty();
    }

    /** A manifest file as written (for the verify-archive command, given its path). */
    public static ArchiveManifest readManifest(Path file) {
        try {
            JsonNode m = JSON.readTree(file.toFile());
            return new ArchiveManifest(LocalDate.parse(m.path("period").asText()), m.path("dataFile").asText(),
                    m.path("entries").asLong(), m.path("firstSeq").asLong(), m.path("lastSeq").asLong(),
                    m.path("prevHash").asText(), m.path("lastHash").asText(), m.path("dataSha256").asText(),
                    Instant.parse(m.path("signedAt").asText()), m.path("signature").asText(null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the manifest " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks one archive: its manifest's signature, its data file's SHA-256 and count, and the chain inside it from
     * {@code prevHash}; hands each entry to {@code seen} (for the anchors).
     */
    static ChainVerification.Problem check(Path dataFile, ArchiveManifest m, String prevHash, ArchiveKey key,
                                           Consumer<StoredEntry> seen) {
        String name = dataFile.getFileName().toString();
        if (!key.verifies(m.signedText(), m.signature())) {
            return new ChainVerification.Problem(m.firstSeq(), "the manifest of " + name + " is not signed by the archive key");
        }
        if (!m.prevHash().equals(prevHash)) {
            return new ChainVerification.Problem(m.firstSeq(), name + " does not follow the archive before it");
        }
        if (!Files.exists(dataFile)) {
            return new ChainVerification.Problem(m.firstSeq(), name + " is missing");
        }
        MessageDigest sha256 = sha256();
        long expected = m.firstSeq();
        String hash = prevHash;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new DigestInputStream(Files.newInputStream(dataFile), sha256)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                StoredEntry entry = entry(JSON.readTree(line));
                if (entry.seq() != expected) {
                    return new ChainVerification.Problem(expected, "entry " + expected + " is missing from " + name);
                }
                if (!entry.prevHash().equals(hash) || !entry.recomputedHash().equals(entry.entryHash())) {
                    return new ChainVerification.Problem(entry.seq(), "entry " + entry.seq() + " in " + name
                            + " was changed after it was written");
                }
                seen.accept(entry);
                hash = entry.entryHash();
                expected++;
            }
        } catch (IOException | RuntimeException e) {
            return new ChainVerification.Problem(expected, name + " cannot be read: " + e.getMessage());
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(m.dataSha256())) {
            return new ChainVerification.Problem(m.firstSeq(), name + " is not the file its manifest signed");
        }
        if (expected - 1 != m.lastSeq() || !hash.equals(m.lastHash())) {
            return new ChainVerification.Problem(expected, name + " ends before its manifest's last entry "
                    + m.lastSeq());
        }
        return null;
    }

    Path dataFile(ArchiveManifest m) {
        return archives.resolve(m.dataFile());
    }

    Path manifestFile(ArchiveManifest m) {
        return archives.resolve(m.dataFile().substring(0, m.dataFile().length() - DATA_SUFFIX.length()) + MANIFEST_SUFFIX);
    }

    /** One file per run of the chain: a day's entries may come in two (a straggler written after midnight). */
    private static String name(LocalDate period, long firstSeq) {
        return "message-log-" + period + "-" + String.format("%012d", firstSeq);
    }

    /** Data files without a manifest and half-written files: what a crash mid-archive leaves; never an archive. */
    void removeLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(archives)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean orphan = name.endsWith(DATA_SUFFIX) && !Files.exists(archives.resolve(
                        name.substring(0, name.length() - DATA_SUFFIX.length()) + MANIFEST_SUFFIX));
                if (orphan || name.endsWith(".partial")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Archives of days before {@code oldestKept} are removed, manifest first (so no half-archive remains). */
    int removeOlderThan(LocalDate oldestKept) throws IOException {
        int removed = 0;
        for (ArchiveManifest m : manifests()) {
            if (m.period().isBefore(oldestKept)) {
                Files.deleteIfExists(manifestFile(m));
                Files.deleteIfExists(archives.resolve(m.dataFile()));
                removed++;
            }
        }
        return removed;
    }

    /** Adds a signed chain head to this month's anchor file, forced to disk before it returns. */
    void append(Anchor anchor, LocalDate day) throws IOException {
        Path file = anchors.resolve("anchors-" + day.toString().substring(0, 7) + ".jsonl");
        ObjectNode line = JSON.createObjectNode().put("seq", anchor.seq()).put("hash", anchor.hash())
                .put("at", anchor.at().toString()).put("signature", anchor.signature());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
            channel.force(true);
        }
    }

    /** Every anchor kept, oldest first; a line that is not an anchor is left out (its signature could not be checked). */
    public List<Anchor> anchors() {
        List<Anchor> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(anchors)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode a = JSON.readTree(line);
                    all.add(new Anchor(a.path("seq").asLong(), a.path("hash").asText(),
                            Instant.parse(a.path("at").asText()), a.path("signature").asText(null)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the anchors cannot be read: " + e.getMessage(), e);
        }
        return all;
    }

    /** Anchor files of months before {@code oldestKept}'s month are removed: their entries are archived and signed. */
    void removeAnchorsOlderThan(LocalDate oldestKept) throws IOException {
        String keep = "anchors-" + oldestKept.toString().substring(0, 7) + ".jsonl";
        try (Stream<Path> files = Files.list(anchors)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().compareTo(keep) < 0) {
                    Files.delete(file);
                }
            }
        }
    }

    private static String line(StoredEntry e) {
        ObjectNode n = JSON.createObjectNode().put("seq", e.seq()).put("requestId", e.requestId())
                .put("at", e.at().toEpochMilli()).put("clientId", e.clientId()).put("callerSubject", e.callerSubject())
                .put("callerName", e.callerName()).put("dataSubjectRef", e.dataSubjectRef())
                .put("department", e.department()).put("service", e.service()).put("caseId", e.caseId())
                .put("outcome", e.outcome()).put("status", e.status()).put("latencyMs", e.latencyMs())
                .put("requestSha256", e.requestSha256()).put("responseSha256", e.responseSha256())
                .put("prevHash", e.prevHash()).put("entryHash", e.entryHash());
        return n.toString();
    }

    private static StoredEntry entry(JsonNode n) {
        return new StoredEntry(n.path("seq").asLong(), text(n, "requestId"), Instant.ofEpochMilli(n.path("at").asLong()),
                text(n, "clientId"), text(n, "callerSubject"), text(n, "callerName"), text(n, "dataSubjectRef"),
                text(n, "department"), text(n, "service"), text(n, "caseId"), text(n, "outcome"),
                n.path("status").asInt(), n.path("latencyMs").asLong(), text(n, "requestSha256"),
                text(n, "responseSha256"), text(n, "prevHash"), text(n, "entryHash"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static ObjectNode json(ArchiveManifest m) {
        return JSON.createObjectNode().put("format", ArchiveManifest.FORMAT).put("period", m.period().toString())
                .put("dataFile", m.dataFile()).put("entries", m.entries()).put("firstSeq", m.firstSeq())
                .put("lastSeq", m.lastSeq()).put("prevHash", m.prevHash()).put("lastHash", m.lastHash())
                .put("dataSha256", m.dataSha256()).put("signedAt", m.signedAt().toString())
                .put("signature", m.signature());
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, text);
        force(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void force(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some file systems cannot force a directory; the rename is then as durable as they make it
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
