package tongban.hub.gateway;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.ByteArrayInputStream;

/**
 * A servlet request whose form the gateway has already read (to bound it, before anything could parse it as
 * parameters): the same bytes again, from the start, each time the gateway's client asks for the body.
 */
final class ReadForm extends HttpServletRequestWrapper {

    private final byte[] form;

    ReadForm(HttpServletRequest request, byte[] form) {
        super(request);
        this.form = form;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream bytes = new ByteArrayInputStream(form);
        return new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the form is already read");
            }
        };
    }

    @Override
    public int getContentLength() {
        return form.length;
    }

    @Override
    public long getContentLengthLong() {
        return form.length;
    }
}
