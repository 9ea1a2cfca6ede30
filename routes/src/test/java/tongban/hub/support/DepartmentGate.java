package tongban.hub.support;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A mock department's answers held back, so that a test decides when a kill lands instead of racing the machine's
 * speed: the first {@code answered} matching requests are answered as usual, every later one is received (and so in
 * WireMock's journal) but its answer waits until {@link #open()} — or until the hub that asked is gone. Requests the
 * predicate does not match pass untouched.
 */
public final class DepartmentGate implements ServeEventListener {

    /** How long a held answer waits at most: a test that forgot to open the gate still ends. */
    private static final long HOLD_AT_MOST_SECONDS = 300;

    private final int answered;
    private final Predicate<String> path;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch opened = new CountDownLatch(1);

    /** @param path which request paths the gate counts and holds */
    public DepartmentGate(int answered, Predicate<String> path) {
        this.answered = answered;
        this.path = path;
    }

    @Override
    public String getName() {
        return "department-gate";
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (!path.test(event.getRequest().getUrl()) || seen.incrementAndGet() <= answered || opened.getCount() == 0) {
            return;
        }
        held.incrementAndGet();
        try {
            opened.await(HOLD_AT_MOST_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    /** Answers now waiting at the gate. */
    public int held() {
        return held.get();
    }

    /** From now on every answer goes out, and the held ones at once. */
    public void open() {
        opened.countDown();
    }
}
