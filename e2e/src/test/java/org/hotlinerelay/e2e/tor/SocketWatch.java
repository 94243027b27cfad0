// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples, every few milliseconds, every TCP and UDP socket (IPv4 and IPv6) that the watched
 * processes hold, from Linux's {@code /proc/PID/fd} (socket inodes) and {@code /proc/net/*}
 * (their addresses), and keeps each one seen. What a process opens and closes between two samples
 * is not seen; a connection that stays open (a keep-alive, a circuit) is.
 */
public final class SocketWatch implements AutoCloseable {
  /** One socket as seen: its owner, protocol ({@code tcp}, {@code udp6}…), addresses and state. */
  public record Seen(long pid, String protocol, Endpoint local, Endpoint remote, String state) {
    public boolean listening() {
      return protocol.startsWith("tcp") ? state.equals("0A") : state.equals("07") && remote.port() == 0;
    }

    /**
     * Bound to 127.0.0.0/8, and either connected to 127.0.0.0/8 or listening (no peer). Anything
     * else, an IPv6 address ({@code ::1} included) or a wildcard bind among them, is off loopback.
     */
    public boolean onLoopback() {
      return local.loopbackV4() && (remote.loopbackV4() || (listening() && remote.unspecified()));
    }
  }

  /** An address and port (an IPv4-mapped IPv6 address is given as IPv4, as InetAddress does). */
  public record Endpoint(InetAddress address, int port) {
    /** In 127.0.0.0/8. */
    public boolean loopbackV4() {
      byte[] b = address.getAddress();
      return b.length == 4 && b[0] == 127;
    }

    public boolean unspecified() {
      return address.isAnyLocalAddress() && port == 0;
    }

    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port;
    }
  }

  private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");
  private final Set<Long> pids = ConcurrentHashMap.newKeySet();
  private final Set<Seen> seen = ConcurrentHashMap.newKeySet();
  private final Thread sampler;
  private volatile boolean running = true;

  private SocketWatch(Duration period) {
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "socket-watch");
    sampler.setDaemon(true);
  }

  public static SocketWatch start(Duration period) {
    SocketWatch watch = new SocketWatch(period);
    watch.sampler.start();
    return watch;
  }

  public void watch(long pid) {
    pids.add(pid);
  }

  /** Every socket seen so far (a copy), after one more sample. */
  public List<Seen> seen() {
    sample();
    return List.copyOf(seen);
  }

  /** The socket at the other end of a loopback TCP connection, if a watched process holds it. */
  public Optional<Seen> peer(Seen socket) {
    return seen.stream().filter(s -> s.protocol().startsWith("tcp") && s.local().equals(socket.remote())
        && s.remote().equals(socket.local())).findFirst();
  }

  /** The PID of the process listening on {@code 127.0.0.1:port}, looked for among all processes. */
  public static Optional<Long> listenerOf(int port) throws IOException {
    List<Long> all = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      proc.forEach(p -> all.add(Long.parseLong(p.getFileName().toString())));
    }
    return snapshot(all).stream().filter(s -> s.listening() && s.local().port() == port && s.protocol().startsWith("tcp"))
        .map(Seen::pid).findFirst();
  }

  private synchronized void sample() {
    try {
      seen.addAll(snapshot(pids));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/net", e);
    }
  }

  static List<Seen> snapshot(Iterable<Long> pids) throws IOException {
    Map<Long, Long> owners = new HashMap<>(); // socket inode → pid
    for (long pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds) {
          String target = readLink(fd);
          if (target.startsWith("socket:[")) {
            owners.put(Long.parseLong(target.substring(8, target.length() - 1)), pid);
          }
        }
      } catch (IOException goneOrNotOurs) {
        // The process exited, or belongs to someone else: it holds nothing we watch.
      }
    }
    List<Seen> found = new ArrayList<>();
    for (String table : TABLES) {
      List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split("\\s+");
        Long pid = owners.get(Long.parseLong(f[9]));
        if (pid != null) {
          found.add(new Seen(pid, table, endpoint(f[1]), endpoint(f[2]), f[3]));
        }
      }
    }
    return found;
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException closed) {
      return "";
    }
  }

  /** {@code 0100007F:1F90} or the 32-digit IPv6 form: 32-bit words in host (little-endian) order. */
  static Endpoint endpoint(String hex) throws UnknownHostException {
    String[] parts = hex.split(":");
    String a = parts[0];
    byte[] address = new byte[a.length() / 2];
    for (int word = 0; word < address.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (3 - i) * 2;
        address[word * 4 + i] = (byte) Integer.parseInt(a.substring(at, at + 2), 16);
      }
    }
    return new Endpoint(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join(5_000);
  }
}
