package tongban.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cable between the hub and a server it stands on (the database, say), that a test can cut and mend: {@link #cut()}
 * drops every connection and refuses new ones — to the hub, the server is gone — and {@link #mend()} lets
 * connections through again on the same port. Loopback only.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** The server is gone: open connections are dropped, new ones refused. */
    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** The server is back. */
    public synchronized void mend() throws IOException {
        if (listener.isClosed()) {
            listener = listen(port);
            accept(listener);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    // registered under the cable's lock: a connection accepted just as the cable is cut must not
                    // slip past cut() — it would be the one connection left through to a server that is "gone"
                    synchronized (this) {
                        if (server.isClosed()) {
                            client.close();
                            return;
                        }
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        open.add(client);
                        open.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread pipe = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException dropped) {
                // cut, or closed by either end
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        pipe.setDaemon(true);
        pipe.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
