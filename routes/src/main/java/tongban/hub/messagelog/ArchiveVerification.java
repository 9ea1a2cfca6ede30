package tongban.hub.messagelog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ./tongban verify-archive [--key BASE64] FILE…}: an auditor's check of archive files away from any hub or
 * database — each manifest's signature by the archive's public key, its data file's SHA-256 and the chain inside it,
 * and the files' chain from one to the next (given in any order; a missing file between two is named). Takes the
 * manifests ({@code *.manifest.json}) or their data files. Exit status 0 when every file verifies, 1 when one does
 * not, 2 on wrong use.
 */
public final class ArchiveVerification {

    private ArchiveVerification() {
    }

    public static void main(String[] args) {
        String publicKey = System.getenv("TONGBAN_MESSAGE_LOG_ARCHIVE_VERIFY_KEY");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--key".equals(args[i]) && i + 1 < args.length) {
                publicKey = args[++i];
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (publicKey == null || files.isEmpty()) {
            System.err.println("usage: verify-archive [--key BASE64-X509-ED25519] FILE…  "
                    + "(or TONGBAN_MESSAGE_LOG_ARCHIVE_VERIFY_KEY)");
            System.exit(2);
        }
        System.exit(verify(ArchiveKey.verifyingOnly(publicKey), files) ? 0 : 1);
    }

    /** Prints a line per file; true when all verify and follow one another. */
    static boolean verify(ArchiveKey key, List<Path> files) {
        List<Path> manifests = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Path manifest = name.endsWith(".jsonl.gz")
                    ? file.resolveSibling(name.replace(".jsonl.gz", ".manifest.json")) : file;
            if (!Files.exists(manifest)) {
                System.out.println("FAIL " + file + ": no manifest beside it (" + manifest.getFileName()
                        + ") — not an archive, perhaps a crash's leftover");
                return false;
            }
            if (!manifests.contains(manifest)) {
                manifests.add(manifest);
            }
        }
        List<ArchiveManifest> read = new ArrayList<>();
        for (Path manifest : manifests) {
            read.add(ArchiveDirectory.readManifest(manifest));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> read.get(i).firstSeq()));
        String hash = null;
        long entries = 0;
        for (int i : order) {
            ArchiveManifest m = read.get(i);
            Path data = manifests.get(i).resolveSibling(m.dataFile());
            ChainVerification.Problem problem = ArchiveDirectory.check(data, m, hash == null ? m.prevHash() : hash,
                    key, e -> { });
            if (problem != null) {
                System.out.println("FAIL " + data + ": " + problem.why() + " (entry " + problem.seq() + ")");
                return false;
            }
            System.out.println("ok   " + data + ": " + m.entries() + " entries, " + m.firstSeq() + "–" + m.lastSeq()
                    + ", signed " + m.signedAt());
            hash = m.lastHash();
            entries += m.entries();
        }
        System.out.println("verified " + read.size() + " archive(s), " + entries + " entries, one unbroken chain");
        return true;
    }
}
