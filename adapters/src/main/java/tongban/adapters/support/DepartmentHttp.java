package tongban.adapters.support;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One bounded HTTP exchange with a department system, as every HTTP adapter makes it: one deadline for the whole
 * call — connecting, sending, waiting and the whole answer, however slowly it trickles in — at which the exchange is
 * cancelled and its connection dropped; an answer never held beyond its size limit while it is read, a compressed one
 * included (the hub asks for none, but a department may send one anyway); and redirects never followed, so no answer
 * can make the hub call an address its configuration did not name. Blocking, on the caller's thread (no hand-off per
 * call); one client and connection pool per department, as large as its share of the hub.
 */
public final class DepartmentHttp implements AutoCloseable {

    /**
     * Cancels the calls that reach their deadline: one thread for every department. A call that ends in time takes
     * its deadline out of the queue (otherwise each would wait there, holding its request, for the whole deadline:
     * ten thousand of them at 2,000 calls a second and 5 s deadlines).
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "department-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        return deadlines;
    }

    /** Deadlines waiting to fire, every department's together. */
    static int pendingDeadlines() {
        return DEADLINES.getQueue().size();
    }

    /** What goes to the department: built by the adapter from checked inputs and the hub's own credentials. */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    }

    /** What the department answered, read completely and within bounds. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header (names compared case-insensitively), or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final String department;
    private final CallLimits limits;
    private final CloseableHttpClient client;

    public DepartmentHttp(String department, CallLimits limits) {
        this.department = department;
        this.limits = limits;
        Timeout deadline = Timeout.of(limits.deadline());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(limits.maxConcurrentCalls())
                        .setMaxConnPerRoute(limits.maxConcurrentCalls())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                                .setSocketTimeout(deadline).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(deadline).setResponseTimeout(deadline).build())
                .disableRedirectHandling()     // a department's 3xx is its answer, never a place the hub goes
                .disableAutomaticRetries()     // retries are the hub's decision, never a hidden one
                .disableContentCompression()   // an answer is unpacked here, within its limit
                .disableCookieManagement()
                .build();
    }

    public CallLimits limits() {
        return limits;
    }

    /**
     * @throws DepartmentException TIMEOUT at the deadline, ANSWER_TOO_LARGE over the limit, UNAVAILABLE when it
     *                             cannot be reached
     */
    public Answer exchange(Request call) {
        return exchange(call.method(), call.uri(), call.headers(), call.body());
    }

    /**
     * @param headers request headers (the hub's own: never the caller's)
     * @param body    null for none
     */
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, limits.deadline().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return client.execute(request, response -> {
                Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    answerHeaders.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
                }
                byte[] bytes = read(request, response.getEntity());
                Header encoding = response.getFirstHeader("Content-Encoding");
                return new Answer(response.getCode(), answerHeaders,
                        decoded(encoding == null ? null : encoding.getValue(), bytes));
            });
        } catch (DepartmentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (request.isCancelled()) {
                throw new DepartmentException(DepartmentException.Kind.TIMEOUT, department, null,
                        "department did not answer completely within " + limits.deadline().toMillis() + " ms", e);
            }
            RuntimeException classified = DepartmentFailures.classify(department, e);
            throw classified instanceof DepartmentException d ? d
                    : new DepartmentException(DepartmentException.Kind.ERROR, department, null, e.toString(), e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The answer's bytes up to the limit: a declared length over it is refused before a byte is read, and an endless
     * or lying answer is cut off at the first read past it (the connection is then dropped, not drained).
     */
    private byte[] read(HttpUriRequestBase request, HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > limits.maxAnswerBytes()) {
            request.cancel(); // drop the connection: reading the rest to reuse it is what must not happen
            throw tooLarge();
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? new byte[0] : bounded(in, request);
        }
    }

    /** @param request cancelled (its connection dropped) when the limit is passed; null when nothing is on the wire */
    private byte[] bounded(InputStream in, HttpUriRequestBase request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > limits.maxAnswerBytes()) {
                if (request != null) {
                    request.cancel();
                }
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A gzip or deflate answer, unpacked no further than the limit. */
    private byte[] decoded(String encoding, byte[] body) throws IOException {
        if (encoding == null || body.length == 0) {
            return body;
        }
        String coding = encoding.strip().toLowerCase(Locale.ROOT);
        if (coding.equals("identity")) {
            return body;
        }
        if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("deflate")) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, department, null,
                    "department answered in an encoding the hub does not read: " + encoding);
        }
        try (InputStream in = coding.equals("deflate") ? new InflaterInputStream(new ByteArrayInputStream(body))
                : new GZIPInputStream(new ByteArrayInputStream(body))) {
            return bounded(in, null);
        }
    }

    private DepartmentException tooLarge() {
        return new DepartmentException(DepartmentException.Kind.ANSWER_TOO_LARGE, department, null,
                "department's answer is larger than " + limits.maxAnswerBytes() + " bytes; nothing of it is kept");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    @Override
    public String toString() {
        return "DepartmentHttp[" + department + ", " + limits + "]";
    }
}
