package tongban.adapters.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One bounded HTTP exchange with a department system, as every HTTP adapter makes it: one deadline for the whole
 * call — connecting, sending, waiting and the whole answer, however slowly it trickles in — after which the exchange
 * is abandoned and its connection dropped; an answer never held beyond its size limit while it is read, a
 * compressed one included (the hub asks for none, but a department may send one anyway); and redirects never
 * followed, so no answer can make the hub call an address its configuration did not name. One client (and so one
 * connection pool) per department.
 */
public final class DepartmentHttp {

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
    private final HttpClient client;

    public DepartmentHttp(String department, CallLimits limits) {
        this.department = department;
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // departments speak HTTP/1.1; no h2c upgrade dance
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
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
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limits.deadline())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> call;
        try {
            call = client.sendAsync(request.build(), info -> new BoundedBody(limits.maxAnswerBytes(), info));
        } catch (IllegalArgumentException e) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, department, null, "request refused: " + e.getMessage(), e);
        }
        try {
            HttpResponse<byte[]> response = call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.headers().map(),
                    decoded(response.headers().firstValue("Content-Encoding").orElse(null), response.body()));
        } catch (TimeoutException e) {
            call.cancel(true); // abandons the exchange: its connection is closed, not left to trickle on
            throw new DepartmentException(DepartmentException.Kind.TIMEOUT, department, null,
                    "department did not answer completely within " + limits.deadline().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new DepartmentException(DepartmentException.Kind.TIMEOUT, department, null, "call interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof DepartmentException known) {
                throw known;
            }
            RuntimeException classified = DepartmentFailures.classify(department, cause);
            throw classified instanceof DepartmentException d ? d
                    : new DepartmentException(DepartmentException.Kind.ERROR, department, null, cause.toString(), cause);
        }
    }

    /** A gzip or deflate answer, unpacked no further than the limit. */
    private byte[] decoded(String encoding, byte[] body) {
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
        try (InputStream in = coding.equals("deflate") ? new InflaterInputStream(new java.io.ByteArrayInputStream(body))
                : new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > limits.maxAnswerBytes()) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, department, null,
                    "department's " + coding + " answer cannot be read", e);
        }
    }

    private DepartmentException tooLarge() {
        return new DepartmentException(DepartmentException.Kind.ANSWER_TOO_LARGE, department, null,
                "department's answer is larger than " + limits.maxAnswerBytes() + " bytes; nothing of it is kept");
    }

    /**
     * Collects the answer's bytes up to the limit: a declared length over it is refused before any byte is read,
     * and an endless or lying answer is cut off at the first buffer past it.
     */
    private final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private final long declared;
        private Flow.Subscription subscription;

        BoundedBody(long max, HttpResponse.ResponseInfo info) {
            this.max = max;
            this.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declared > max) {
                subscription.cancel();
                result.completeExceptionally(tooLarge());
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (collected.size() + (long) buffer.remaining() > max) {
                    subscription.cancel();
                    collected.reset();
                    result.completeExceptionally(tooLarge());
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                collected.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(collected.toByteArray());
        }
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "DepartmentHttp[" + department + ", " + limits + "]";
    }
}
