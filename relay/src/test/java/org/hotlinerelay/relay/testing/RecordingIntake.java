package org.hotlinerelay.relay.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * A hotline intake on 127.0.0.1:0 that answers 200 (or a set status) and records each accepted
 * request's raw text; a batch ({@link EnvelopeBatch}) is answered 201 for each of its envelopes.
 */
public final class RecordingIntake implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<byte[]> envelopes = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(200);

  public RecordingIntake() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    StringBuilder raw = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
    exchange.getRequestHeaders().forEach((k, v) -> raw.append(k).append(": ").append(v).append('\n'));
    raw.append('\n').append(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
    int answer = status.get();
    boolean batch = exchange.getRequestURI().getPath().equals(EnvelopeBatch.PATH);
    byte[] results = new byte[0];
    if (answer == 200) {
      requests.add(raw.toString());
      if (batch) {
        try {
          List<byte[]> lines = EnvelopeBatch.split(body);
          envelopes.addAll(lines);
          int[] stored = new int[lines.size()];
          java.util.Arrays.fill(stored, 201);
          results = EnvelopeBatch.results(stored).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        } catch (org.hotlinerelay.protocol.MalformedMessageException e) {
          answer = 400;
        }
      } else {
        envelopes.add(body);
      }
    }
    exchange.sendResponseHeaders(answer, results.length == 0 ? -1 : results.length);
    exchange.getResponseBody().write(results);
    exchange.close();
  }

  /** The status to answer from now on; only 200 answers record the request. */
  public void answer(int code) {
    status.set(code);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<String> requests() {
    return requests;
  }

  /** Each envelope's JSON received, from single posts and from batches. */
  public List<byte[]> envelopes() {
    return envelopes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
