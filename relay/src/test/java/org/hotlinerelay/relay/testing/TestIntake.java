// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;

/**
 * A hotline intake for tests and benchmarks on 127.0.0.1:0 whose behaviour is one function, its
 * {@link Dispatcher}, from the request received to the answer (the shape of OkHttp's
 * MockWebServer). Every request is recorded, with the time it arrived, for {@link #takeRequest};
 * one started {@link #startUnrecorded unrecorded} (a long benchmark) keeps nothing.
 */
public final class TestIntake implements AutoCloseable {
  /** What a request is answered. */
  @FunctionalInterface
  public interface Dispatcher {
    Answer dispatch(Request request) throws InterruptedException;
  }

  /**
   * A request as received: its arrival ({@link System#nanoTime}), path, media type, request line
   * and headers as text, body, and the envelopes of the body when it is a batch (null in the place
   * of a frame that does not parse; empty when the body is no batch).
   */
  public record Request(long arrivedNanos, String path, String contentType, String head, byte[] body,
      List<Envelope> envelopes) {
    @Override
    public String toString() {
      return "Request[" + path + ", " + body.length + " bytes]";
    }
  }

  /** A status for the request as a whole, and the results of a 200 (one status per envelope). */
  public record Answer(int status, int[] results) {
    public static Answer of(int status) {
      return new Answer(status, new int[0]);
    }
  }

  /** The intake as it should be: 201 for each report, 202 for each cover, 400 for a frame that does not parse. */
  public static final Dispatcher STORE_ALL = TestIntake::storeAll;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final Dispatcher dispatcher;
  private final boolean recorded;

  private TestIntake(HttpServer server, Dispatcher dispatcher, boolean recorded) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.recorded = recorded;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static TestIntake start(Dispatcher dispatcher) throws IOException {
    return start(dispatcher, 0);
  }

  /** On a given port (a test that restarts the intake where the relay expects it). */
  public static TestIntake start(Dispatcher dispatcher, int port) throws IOException {
    return new TestIntake(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64), dispatcher, true);
  }

  /** On a given port, keeping no request ({@link #takeRequest} then finds none). */
  public static TestIntake startUnrecorded(Dispatcher dispatcher, int port) throws IOException {
    return new TestIntake(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64), dispatcher, false);
  }

  /** Over TLS with this server context. */
  public static TestIntake startTls(Dispatcher dispatcher, SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new TestIntake(server, dispatcher, true);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    byte[] body = exchange.getRequestBody().readAllBytes();
    StringBuilder head = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
    exchange.getRequestHeaders().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
    Request request = new Request(arrived, exchange.getRequestURI().getPath(),
        String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), head.toString(), body, envelopes(body));
    if (recorded) {
      requests.add(request);
    }
    Answer answer;
    try {
      answer = dispatcher.dispatch(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = Answer.of(503);
    }
    byte[] results = answer.status() == 200 ? EnvelopeBatch.results(answer.results()).getBytes(StandardCharsets.US_ASCII) : new byte[0];
    exchange.sendResponseHeaders(answer.status(), results.length == 0 ? -1 : results.length);
    exchange.getResponseBody().write(results);
    exchange.close();
  }

  private static List<Envelope> envelopes(byte[] body) {
    List<Envelope> out = new ArrayList<>();
    try {
      for (byte[] frame : EnvelopeBatch.split(body)) {
        try {
          out.add(EnvelopeBinary.decode(frame));
        } catch (Exception e) {
          out.add(null);
        }
      }
    } catch (Exception notABatch) {
      return List.of();
    }
    return out;
  }

  private static Answer storeAll(Request request) {
    int[] results = new int[request.envelopes().size()];
    for (int i = 0; i < results.length; i++) {
      Envelope e = request.envelopes().get(i);
      results[i] = e == null ? 400 : e.cover() ? EnvelopeBatch.COVER_STATUS : 201;
    }
    return results.length == 0 ? Answer.of(400) : new Answer(200, results);
  }

  /** The next request received, waiting up to {@code max}; null if none came. */
  public Request takeRequest(Duration max) throws InterruptedException {
    return requests.poll(max.toNanos(), TimeUnit.NANOSECONDS);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI url() {
    return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
