// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal client for Tor's control protocol (control-spec.txt) over a loopback socket: cookie
 * authentication, {@code GETINFO}, {@code SETCONF}, {@code SETEVENTS}, and asynchronous events
 * ({@code 650} lines) kept in a queue for {@link #awaitEvent}. One command at a time.
 */
public final class TorControl implements AutoCloseable {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CLOSED = List.of("closed");

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<List<String>> replies = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  private TorControl(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    Thread reader = new Thread(() -> read(in), "tor-control-" + socket.getPort());
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects to {@code 127.0.0.1:port} and authenticates with the cookie in {@code cookieFile}. */
  public static TorControl connect(int port, Path cookieFile) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    TorControl control = new TorControl(socket);
    String cookie = HexFormat.of().formatHex(Files.readAllBytes(cookieFile));
    control.command("AUTHENTICATE " + cookie);
    return control;
  }

  /** The value of one {@code GETINFO} key (a multi-line value joined with newlines). */
  public String getInfo(String key) throws IOException {
    List<String> lines = command("GETINFO " + key);
    StringBuilder value = new StringBuilder();
    boolean data = false;
    for (String line : lines) {
      if (line.startsWith("250+" + key + "=")) {
        data = true;
      } else if (data && line.equals(".")) {
        data = false;
      } else if (data) {
        value.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
      } else if (line.startsWith("250-" + key + "=")) {
        value.append(line.substring(5 + key.length()));
      }
    }
    return value.toString();
  }

  /** Sends one command and returns its reply lines; a reply other than 2xx is an IOException. */
  public synchronized List<String> command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    List<String> reply;
    try {
      reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for tor", e);
    }
    if (reply == null || reply == CLOSED) {
      throw new IOException("no reply from tor's control port to " + line.split(" ")[0]);
    }
    if (!reply.get(reply.size() - 1).startsWith("2")) {
      throw new IOException("tor refused " + line.split(" ")[0] + ": " + reply);
    }
    return reply;
  }

  /** Waits for an event line (without its {@code 650 } prefix) that {@code match} accepts. */
  public String awaitEvent(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        return null;
      }
      if (match.test(event)) {
        return event;
      }
    }
  }

  private void read(BufferedReader in) {
    List<String> reply = new ArrayList<>();
    boolean inData = false;
    try {
      for (String line; (line = in.readLine()) != null; ) {
        if (inData) {
          reply.add(line);
          inData = !line.equals(".");
        } else if (line.startsWith("650 ") && reply.isEmpty()) {
          events.add(line.substring(4));
        } else {
          reply.add(line);
          inData = line.length() > 3 && line.charAt(3) == '+';
          if (line.length() > 3 && line.charAt(3) == ' ') {
            if (line.startsWith("650")) {
              events.add(String.join("\n", reply).substring(4));
            } else {
              replies.add(reply);
            }
            reply = new ArrayList<>();
          }
        }
      }
    } catch (IOException closed) {
      // The socket was closed: close() or tor exited.
    }
    replies.add(CLOSED);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
