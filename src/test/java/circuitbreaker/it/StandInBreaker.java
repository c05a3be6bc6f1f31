package circuitbreaker.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What may stand on the breaker's port in its place: an application server whose application failed to deploy (404
 * or 500 to everything), a breaker that answers only after 5 s, or a process that accepts connections and never
 * answers. Loopback only.
 */
final class StandInBreaker implements AutoCloseable {

    enum Mode { NOT_FOUND, SERVER_ERROR, SLOW, SILENT }

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile Mode mode;

    StandInBreaker(int port, Mode mode) throws IOException {
        this.mode = mode;
        server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    void mode(Mode next) {
        mode = next;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                daemon(() -> answer(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "stand-in breaker");
        thread.setDaemon(true);
        thread.start();
    }

    private void answer(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            while (readHead(in)) {
                switch (mode) {
                    case NOT_FOUND -> write(connection, "404 Not Found", "no application here");
                    case SERVER_ERROR -> write(connection, "500 Internal Server Error", "the application failed");
                    case SLOW -> {
                        Thread.sleep(5000);
                        write(connection, "421 Misdirected Request", "");
                    }
                    case SILENT -> Thread.sleep(Long.MAX_VALUE);
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the front gave up on it, or the test is over
        } finally {
            connections.remove(connection);
        }
    }

    /** Reads one request's head (a gate request has no body); false at the end of the connection. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    private static void write(Socket connection, String status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        connection.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
