package tongban.hub.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The upkeep of the embedded H2 database file that H2 leaves undone with the hub's settings. The hub opens it with
 * {@code WRITE_DELAY=0}, so that every commit is written before it returns (the message log's promise); but that also
 * turns off H2's background thread, which is what rewrites the half-empty chunks every commit leaves behind. Without
 * it the file only grows — a hub's database of 760,000 log entries had reached 4.9 GB at a chunk fill rate of 14 % —
 * and every commit searches a longer free-space map for room to write (a third of the commit's CPU on that file).
 * <p>
 * So this does, every {@code tongban.database.upkeep-interval} (default 500 ms) and on a scheduler thread, what H2's
 * background thread would: rewrite the live pages of the emptiest chunks and free the chunks nothing needs any more
 * (after H2's retention time), and once the chunks are compact but the file is mostly holes, move chunks from its end
 * into them so that it shrinks — a few megabytes a round at most, under H2's own store lock, so commits wait no longer
 * than that takes. The file's size and how much of it is live are gauges for the operators
 * ({@code tongban_database_file_bytes}, {@code tongban_database_chunk_fill_ratio}). PostgreSQL (production) does its
 * own upkeep (autovacuum); this exists only for a {@code jdbc:h2:file:} database.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class EmbeddedDatabaseUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseUpkeep.class);
    /** Chunks less full than this are rewritten (H2's own background thread aims at 90 % when the hub is idle). */
    static final int TARGET_FILL_RATE = 80;
    /**
     * Bytes of live pages rewritten in one round (four times this while the chunks are less than half full): the store
     * lock is held meanwhile, and the message log's commits wait for it.
     */
    static final int WRITE_PER_ROUND = 512 << 10;
    /**
     * Bytes of chunks moved in one round to shrink the file — only once the chunks are compact, which under full load
     * they are not: moves are synced to disk under the store lock, and rounds of them under full load showed as p99
     * spikes of 67–155 ms against 42–49 ms without. Smaller moves do not shrink the file (H2 first moves chunks to its end).
     */
    static final int MOVE_PER_ROUND = 4 << 20;

    private final DataSource dataSource;
    private volatile long fileBytes;
    private volatile int chunkFillRate = 100;

    public EmbeddedDatabaseUpkeep(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("tongban.database.file", this, u -> u.fileBytes).baseUnit("bytes")
                .description("size of the embedded database file").register(meters);
        Gauge.builder("tongban.database.chunk.fill.ratio", this, u -> u.chunkFillRate / 100.0)
                .description("share of the embedded database file's chunks that is live data").register(meters);
    }

    /** One round of upkeep; returns whether it did anything (rewrote pages, or moved chunks and so resized the file). */
    @Scheduled(initialDelayString = "${tongban.database.upkeep-interval:500ms}",
            fixedDelayString = "${tongban.database.upkeep-interval:500ms}")
    public boolean upkeep() {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStore(connection);
            if (store == null || store.isClosed()) {
                return false;
            }
            FileStore<?> file = store.getFileStore();
            // as H2's own thread does, rewrite more the emptier the chunks are (under load a page that stays live,
            // such as a filled index leaf, keeps the whole chunk it was written in from being freed)
            int write = file.getChunksFillRate() < TARGET_FILL_RATE / 2 ? 4 * WRITE_PER_ROUND : WRITE_PER_ROUND;
            boolean rewritten = store.compact(TARGET_FILL_RATE, write);
            if (rewritten) {
                store.commit(); // the rewritten pages are only marked; this writes them (an idle hub commits nothing)
            }
            file.dropUnusedChunks();
            long size = file.size();
            if (file.getFillRate() < TARGET_FILL_RATE && file.getChunksFillRate() >= TARGET_FILL_RATE
                    && file instanceof RandomAccessStore inOneFile) {
                // the chunks are compact but the file is mostly holes: move chunks from its end into them, it shrinks
                inOneFile.compactMoveChunks(TARGET_FILL_RATE, MOVE_PER_ROUND, store);
            }
            fileBytes = file.size();
            chunkFillRate = file.getChunksFillRate();
            return rewritten || fileBytes != size;
        } catch (SQLException | RuntimeException e) {
            // the database may be down or closing: the next round tries again, commits never depend on this
            LOG.debug("embedded database upkeep skipped: {}", e.toString());
            return false;
        }
    }

    long fileBytes() {
        return fileBytes;
    }

    int chunkFillRate() {
        return chunkFillRate;
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        return session.getDatabase().getStore().getMvStore();
    }
}
