package circuitbreaker.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One load process: holds many WebSocket clients on one selector thread (raw NIO, so thousands fit in one
 * process), answers pings like a browser, and reports arrival times when the orchestrator asks on stdin.
 *
 * <p>Usage: {@code SocketLoad <port> <count> <source address> [<site URL>]}. Commands on stdin: {@code reset} (forget
 * tick history), {@code ticks} (print tick gaps), {@code mark} (start timing status updates), {@code updates} (print
 * the System.nanoTime at which each socket got its first statusUpdate since the mark), {@code quit}. With a site URL
 * each socket also goes to the site as its page would ({@link PageVisits}): {@code visits} prints how many did,
 * {@code forget} puts them all back to waiting.
 */
public final class SocketLoad {

    private static final byte[] HANDSHAKE_TAIL = ("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECTING_AT_ONCE = 200;
    private static final long CONNECT_TIMEOUT_NANOS = 60_000_000_000L;

    /** One client socket's receive state and measurements. */
    static final class Client {
        final SocketChannel channel;
        final int index;
        ByteBuffer in = ByteBuffer.allocate(4096);
        boolean upgraded;
        long lastTickNanos;
        long lastCountdown = -1;
        long statusAtNanos;
        final List<Long> gapsMillis = new ArrayList<>();
        int skipped;

        Client(SocketChannel channel, int index) {
            this.channel = channel;
            this.index = index;
        }
    }

    private final Selector selector = Selector.open();
    private final Queue<String> commands = new ConcurrentLinkedQueue<>();
    private final List<Client> clients = new ArrayList<>();
    private int connected;
    private int closed;
    private long markNanos;
    private PageVisits visits; // null: these sockets never leave the page

    private SocketLoad() throws IOException {
    }

    public static void main(String[] args) throws Exception {
        SocketLoad load = new SocketLoad();
        if (args.length > 3) {
            load.visits = new PageVisits(java.net.URI.create(args[3]), args[2]);
        }
        load.run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[2]);
    }

    private void run(int port, int first, String source) throws Exception {
        int count = first;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line.strip());
                    selector.wakeup();
                }
            } catch (IOException e) {
                commands.add("quit");
            }
            commands.add("quit");
            selector.wakeup();
        });
        reader.setDaemon(true);
        reader.start();

        byte[] request = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port).getBytes(StandardCharsets.US_ASCII);
        int opened = 0;
        boolean announced = false;
        long started = System.nanoTime();
        while (true) {
            while (opened < count && opened - connected - closed < CONNECTING_AT_ONCE) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(source, 0));
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                Client client = new Client(channel, opened);
                clients.add(client);
                channel.register(selector, SelectionKey.OP_CONNECT, client);
                opened++;
            }
            // Bounded: whatever has not completed its handshake a minute in counts as failed.
            boolean late = System.nanoTime() - started > CONNECT_TIMEOUT_NANOS;
            if (!announced && (connected + closed >= first || late)) {
                System.out.println("connected " + connected + " failed " + (first - connected));
                announced = true;
            }
            selector.select(200);
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                Client client = (Client) key.attachment();
                try {
                    if (key.isConnectable() && client.channel.finishConnect()) {
                        ByteBuffer hello = ByteBuffer.allocate(request.length + HANDSHAKE_TAIL.length);
                        hello.put(request).put(HANDSHAKE_TAIL).flip();
                        while (hello.hasRemaining()) {
                            client.channel.write(hello);
                        }
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        read(client);
                    }
                } catch (IOException e) {
                    closed++;
                    key.cancel();
                    client.channel.close();
                }
            }
            String command;
            while ((command = commands.poll()) != null) {
                if (command.startsWith("more ")) { // newcomers: that many more pages open their sockets now
                    count += Integer.parseInt(command.substring(5));
                    System.out.println("more");
                    continue;
                }
                if (command.equals("quit")) {
                    for (Client client : clients) {
                        client.channel.close();
                    }
                    System.out.println("bye");
                    return;
                }
                answer(command);
            }
        }
    }

    private void answer(String command) {
        long now = System.nanoTime();
        StringBuilder out = new StringBuilder(command);
        switch (command) {
            case "reset" -> clients.forEach(c -> {
                c.gapsMillis.clear();
                c.skipped = 0;
            });
            case "ticks" -> {
                int skipped = 0;
                for (Client c : clients) {
                    skipped += c.skipped;
                    for (long gap : c.gapsMillis) {
                        out.append(' ').append(gap);
                    }
                }
                out.insert(command.length(), " skipped " + skipped + " gaps");
            }
            case "mark" -> {
                markNanos = now;
                clients.forEach(c -> c.statusAtNanos = 0);
            }
            case "updates" -> {
                int missing = 0;
                for (Client c : clients) {
                    if (c.upgraded && c.statusAtNanos == 0) {
                        missing++;
                    } else if (c.statusAtNanos != 0) {
                        out.append(' ').append(c.statusAtNanos); // System.nanoTime is one clock for every process here
                    }
                }
                out.insert(command.length(), " missing " + missing + " nanos");
            }
            case "count" -> out.append(' ').append(clients.stream().filter(c -> c.upgraded).count())
                    .append(" closed ").append(closed);
            case "visits" -> out.append(' ').append(visits == null ? "none" : visits.report());
            case "forget" -> visits.forget();
            default -> out.append(" unknown");
        }
        System.out.println(out);
        System.out.flush();
    }

    private void read(Client client) throws IOException {
        if (client.channel.read(client.in) < 0) {
            throw new IOException("closed by the server");
        }
        client.in.flip();
        if (!client.upgraded) {
            String head = StandardCharsets.US_ASCII.decode(client.in.duplicate()).toString();
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                client.in.compact();
                return;
            }
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
            }
            client.upgraded = true;
            connected++;
            client.in.position(end + 4);
        }
        while (frame(client)) {
            // one complete frame handled per loop
        }
        client.in.compact();
    }

    /** Handles one complete server frame if the buffer holds one. */
    private boolean frame(Client client) throws IOException {
        ByteBuffer in = client.in;
        if (in.remaining() < 2) {
            return false;
        }
        int start = in.position();
        int opcode = in.get(start) & 0x0F;
        long length = in.get(start + 1) & 0x7F;
        int header = 2;
        if (length == 126) {
            if (in.remaining() < 4) {
                return false;
            }
            length = in.getShort(start + 2) & 0xFFFF;
            header = 4;
        } else if (length == 127) {
            if (in.remaining() < 10) {
                return false;
            }
            length = in.getLong(start + 2);
            header = 10;
        }
        if (header + length > in.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate((int) (header + length) * 2);
            bigger.put(in);
            bigger.flip();
            client.in = bigger;
            return false;
        }
        if (in.remaining() < header + length) {
            return false;
        }
        byte[] payload = new byte[(int) length];
        in.position(start + header);
        in.get(payload);
        long now = System.nanoTime();
        switch (opcode) {
            case 0x1 -> text(client, new String(payload, StandardCharsets.UTF_8), now);
            case 0x9 -> send(client, 0xA, payload); // pong, as a browser does
            case 0x8 -> throw new IOException("closed by the server");
            default -> { }
        }
        return true;
    }

    private void text(Client client, String text, long now) {
        if (visits != null) {
            visits.heard(client.index, text);
        }
        if (text.startsWith("{\"type\":\"countdownUpdate\"")) {
            int at = text.indexOf("\"countdown\":", 30) + 12;
            long countdown = Long.parseLong(text.substring(at, text.indexOf(',', at)));
            if (client.lastTickNanos != 0) {
                client.gapsMillis.add((now - client.lastTickNanos) / 1_000_000);
                if (client.lastCountdown > 0 && client.lastCountdown - countdown > 1) {
                    client.skipped += (int) (client.lastCountdown - countdown - 1);
                }
            }
            client.lastTickNanos = now;
            client.lastCountdown = countdown;
        } else if (text.startsWith("{\"type\":\"statusUpdate\"") && client.statusAtNanos == 0 && markNanos != 0) {
            client.statusAtNanos = now;
        }
    }

    /** A masked client frame (clients must mask). */
    private static void send(Client client, int opcode, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
        frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).putInt(0); // zero mask: payload as is
        frame.put(payload).flip();
        while (frame.hasRemaining()) {
            client.channel.write(frame);
        }
    }
}
