// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transparent TCP relay in front of a SOCKS5 port that records what crosses it: for each
 * connection the target the client asked for (SOCKS5 CONNECT: address type and host as sent) and
 * every read in either direction with its time and size. It sees exactly what an observer of the
 * relay's link to Tor sees: when, and how many bytes, never what (Tor encrypts the rest).
 */
public final class LinkRecorder implements AutoCloseable {
  /** SOCKS5 address types. */
  public static final int IPV4 = 1;
  public static final int DOMAIN = 3;
  public static final int IPV6 = 4;

  /**
   * One read: when ({@link System#nanoTime()}), which way, how many bytes, and whether it belongs
   * to the SOCKS5 handshake (greeting, authentication, CONNECT and their replies) rather than to
   * what the client sends through the connection.
   */
  public record Chunk(long nanos, boolean upstream, int bytes, boolean handshake) {}

  /** Traffic without a pause of the given length: its start and the bytes each way. */
  public record Burst(long startNanos, long upBytes, long downBytes) {}

  /** One connection through the recorder. */
  public static final class Link {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final List<Chunk> chunks = new CopyOnWriteArrayList<>();
    private long up;
    private long down;

    /** The CONNECT request's address type ({@link #DOMAIN} for a name), or -1 before it arrived. */
    public synchronized int addressType() {
      byte[] h = head.toByteArray();
      int at = requestStart(h);
      return at < 0 || h.length < at + 4 ? -1 : h[at + 3];
    }

    /** The host the client asked for, as it sent it (a name, or an address for types 1 and 4). */
    public synchronized String host() {
      byte[] h = head.toByteArray();
      int at = requestStart(h);
      if (at < 0 || h.length < at + 5) {
        return null;
      }
      return switch (h[at + 3]) {
        case DOMAIN -> {
          int length = h[at + 4] & 0xff;
          yield h.length < at + 5 + length ? null : new String(h, at + 5, length, StandardCharsets.US_ASCII);
        }
        case IPV4 -> (h[at + 4] & 0xff) + "." + (h[at + 5] & 0xff) + "." + (h[at + 6] & 0xff) + "." + (h[at + 7] & 0xff);
        default -> "(address type " + h[at + 3] + ")";
      };
    }

    /**
     * The user name the client sent in a username/password sub-negotiation (RFC 1929), or null
     * when it sent none (the proxy chose no authentication).
     */
    public synchronized String userName() {
      byte[] h = head.toByteArray();
      int at = h.length < 2 ? -1 : 2 + (h[1] & 0xff);
      if (at < 0 || h.length < at + 2 || h[at] != 1) {
        return null;
      }
      int length = h[at + 1] & 0xff;
      return new String(h, at + 2, Math.min(length, h.length - at - 2), StandardCharsets.UTF_8);
    }

    public List<Chunk> chunks() {
      return List.copyOf(chunks);
    }

    @Override
    public synchronized String toString() {
      return "link (CONNECT address type " + addressType() + ", host " + host() + ", " + chunks.size() + " reads; head "
          + java.util.HexFormat.of().formatHex(head.toByteArray(), 0, Math.min(head.size(), 16)) + ")";
    }

    /** After VER NMETHODS METHODS…, and the username/password sub-negotiation (RFC 1929) if any. */
    private static int requestStart(byte[] h) {
      int at = h.length < 2 ? -1 : 2 + (h[1] & 0xff);
      if (at >= 0 && h.length > at + 1 && h[at] == 1) {
        int password = at + 2 + (h[at + 1] & 0xff);
        at = h.length > password ? password + 1 + (h[password] & 0xff) : -1;
      }
      return at;
    }

    private synchronized void record(boolean upstream, byte[] buf, int n) {
      long now = System.nanoTime();
      if (upstream && head.size() < 512) {
        head.write(buf, 0, Math.min(n, 512 - head.size()));
      }
      boolean handshake = upstream ? up < handshakeUp() : down < handshakeDown();
      chunks.add(new Chunk(now, upstream, n, handshake));
      if (upstream) {
        up += n;
      } else {
        down += n;
      }
    }

    /** Bytes the client sends before its data: up to the end of the CONNECT request. */
    private long handshakeUp() {
      byte[] h = head.toByteArray();
      int at = requestStart(h);
      if (at < 0 || h.length < at + 5) {
        return Long.MAX_VALUE;
      }
      int address = switch (h[at + 3]) {
        case IPV4 -> 4;
        case IPV6 -> 16;
        default -> 1 + (h[at + 4] & 0xff);
      };
      return at + 4L + address + 2;
    }

    /** Bytes the proxy sends before data: method choice, authentication status, CONNECT reply (IPv4). */
    private long handshakeDown() {
      byte[] h = head.toByteArray();
      int methods = h.length < 2 ? Integer.MAX_VALUE : 2 + (h[1] & 0xff);
      boolean authenticated = h.length > methods && h[methods] == 1;
      return 2 + (authenticated ? 2 : 0) + 10;
    }
  }

  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private LinkRecorder(ServerSocket server, int targetPort) {
    this.server = server;
    this.targetPort = targetPort;
  }

  /** Listens on 127.0.0.1 (a free port) and forwards every connection to 127.0.0.1:targetPort. */
  public static LinkRecorder start(int targetPort) throws IOException {
    LinkRecorder recorder = new LinkRecorder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
    Thread acceptor = new Thread(recorder::accept, "link-recorder");
    acceptor.setDaemon(true);
    acceptor.start();
    return recorder;
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<Link> links() {
    return new ArrayList<>(links);
  }

  /**
   * The traffic through every connection between {@code fromNanos} and {@code toNanos}, SOCKS
   * handshakes left out, cut into bursts wherever nothing crossed for {@code quiet}.
   */
  public List<Burst> bursts(long fromNanos, long toNanos, Duration quiet) {
    List<Chunk> all = new ArrayList<>();
    links.forEach(l -> l.chunks().stream()
        .filter(c -> !c.handshake() && c.nanos() >= fromNanos && c.nanos() < toNanos).forEach(all::add));
    all.sort(Comparator.comparingLong(Chunk::nanos));
    List<Burst> bursts = new ArrayList<>();
    long start = 0;
    long last = Long.MIN_VALUE;
    long upBytes = 0;
    long downBytes = 0;
    for (Chunk c : all) {
      if (last != Long.MIN_VALUE && c.nanos() - last >= quiet.toNanos()) {
        bursts.add(new Burst(start, upBytes, downBytes));
        last = Long.MIN_VALUE;
      }
      if (last == Long.MIN_VALUE) {
        start = c.nanos();
        upBytes = 0;
        downBytes = 0;
      }
      upBytes += c.upstream() ? c.bytes() : 0;
      downBytes += c.upstream() ? 0 : c.bytes();
      last = c.nanos();
    }
    if (last != Long.MIN_VALUE) {
      bursts.add(new Burst(start, upBytes, downBytes));
    }
    return bursts;
  }

  private void accept() {
    try {
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Link link = new Link();
        links.add(link);
        pump(client.getInputStream(), upstream, link, true);
        pump(upstream.getInputStream(), client, link, false);
      }
    } catch (IOException closed) {
      // close() closed the server socket.
    }
  }

  private static void pump(InputStream in, Socket to, Link link, boolean upstream) throws IOException {
    OutputStream out = to.getOutputStream();
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          link.record(upstream, buf, n);
          out.write(buf, 0, n);
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException closed) {
        // Either side went away; the other pump ends too.
      }
    }, upstream ? "link-up" : "link-down");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
