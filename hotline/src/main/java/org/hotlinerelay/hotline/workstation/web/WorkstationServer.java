// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.hotline.workstation.Workstation;

/**
 * The analyst's workstation as a web application on the analyst's own machine: Undertow bound to
 * a loopback address only (anything else is refused before binding,
 * {@code WorkstationServerTest#start_nonLoopbackAddress_refused}), pages that work without
 * JavaScript.
 *
 * <p>Access: the server prints a one-time unlock link; opening it sets the only cookie, a session
 * cookie ({@code HttpOnly; SameSite=Strict}), and every other page needs it, so another user of
 * the same machine who reaches the loopback port sees nothing. Every state-changing form carries a
 * CSRF token and a POST without it is refused ({@code WorkstationServerTest#post_withoutCsrfToken_refused}).
 * A request whose {@code Host} is not the address it was bound to is refused (DNS rebinding).
 * Every response: a strict CSP with no external source and no script, {@code Cache-Control:
 * no-store}, {@code Referrer-Policy: no-referrer}, {@code nosniff}, framing denied.
 *
 * <p>An export runs on a thread of its own, one at a time; the request that starts it is answered
 * with a status page that shows how far it is, with a link to look again (it never reloads itself)
 * ({@code WorkstationServerTest#export_runsInTheBackground_statusPageShowsHowFarUntilDone}).
 */
public final class WorkstationServer implements AutoCloseable {
  private final Undertow undertow;
  private final String unlockUrl;
  private final int port;
  private final ExecutorService ownThread;

  private WorkstationServer(Undertow undertow, String unlockUrl, int port, ExecutorService ownThread) {
    this.undertow = undertow;
    this.unlockUrl = unlockUrl;
    this.port = port;
    this.ownThread = ownThread;
  }

  /**
   * Starts the server with its own export thread, stopped by {@link #close()}.
   *
   * @see #start(Workstation, String, int, Path, Executor)
   */
  public static WorkstationServer start(Workstation workstation, String host, int port, Path exportDir) {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "workstation-export");
      t.setDaemon(true);
      return t;
    });
    try {
      return start(workstation, host, port, exportDir, thread, thread);
    } catch (RuntimeException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  /**
   * Starts the server.
   *
   * @param host a loopback address ({@code 127.0.0.1}, {@code ::1} or {@code localhost})
   * @param port the port, 0 for any free one
   * @param exportDir where exports are written
   * @param exportThread runs each export (one at a time) while its status page shows how far it is;
   *     the caller owns it
   * @throws IllegalArgumentException {@code host} is not a loopback address
   */
  public static WorkstationServer start(Workstation workstation, String host, int port, Path exportDir, Executor exportThread) {
    return start(workstation, host, port, exportDir, exportThread, null);
  }

  private static WorkstationServer start(Workstation workstation, String host, int port, Path exportDir, Executor exportThread,
      ExecutorService ownThread) {
    if (!isLoopback(host)) {
      throw new IllegalArgumentException("the workstation listens on a loopback address only");
    }
    SecureRandom random = new SecureRandom();
    String unlockToken = token(random);
    Routes routes = new Routes(workstation, new Pages(), new Session(unlockToken, token(random), token(random)), exportDir,
        new Exports(workstation, exportThread));
    Undertow undertow = Undertow.builder()
        .setIoThreads(1)
        .setWorkerThreads(4)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 4L << 20)
        .setServerOption(UndertowOptions.MAX_HEADERS, 64)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
        .setServerOption(UndertowOptions.MAX_PARAMETERS, 1_000)
        .setServerOption(UndertowOptions.MAX_COOKIES, 8)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 300_000)
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
        .setServerOption(UndertowOptions.ENABLE_STATISTICS, false)
        .addHttpListener(port, host)
        .setHandler(new Headers(new BlockingHandler(routes)))
        .build();
    undertow.start();
    int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + bound;
    routes.allowHost(authority);
    return new WorkstationServer(undertow, "http://" + authority + "/unlock/" + unlockToken, bound, ownThread);
  }

  /** True when {@code host} is a literal loopback address or {@code localhost}: what {@link #start} accepts. */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    boolean literal = host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":");
    if (!literal) {
      return false;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String token(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The one-time link that opens a session: print it to the analyst, nowhere else. */
  public String unlockUrl() {
    return unlockUrl;
  }

  public int port() {
    return port;
  }

  /**
   * Stops the server. An export still running on the server's own thread is interrupted and
   * given a few seconds to delete its partial file ({@link org.hotlinerelay.hotline.workstation.CaseExport}).
   */
  @Override
  public void close() {
    undertow.stop();
    if (ownThread != null) {
      ownThread.shutdownNow();
      try {
        ownThread.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "WorkstationServer[" + port + "]";
  }
}
