package tongban.adapters.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A department's answer grew past the size the hub takes from it; raised while reading, so nothing beyond the limit
 * is ever held. {@link #bounded} wraps a stream a library reads for us (CXF's SOAP answers, say).
 */
public class AnswerTooLargeException extends IOException {

    public AnswerTooLargeException(long limit) {
        super("the answer is larger than " + limit + " bytes");
    }

    /** {@code in}, failing with this exception on the first byte past {@code limit}. */
    public static InputStream bounded(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++read > limit) {
                    throw new AnswerTooLargeException(limit);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0 && (read += n) > limit) {
                    throw new AnswerTooLargeException(limit);
                }
                return n;
            }
        };
    }
}
