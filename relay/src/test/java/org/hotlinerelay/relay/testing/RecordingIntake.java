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

/** A hotline intake on 127.0.0.1:0 that answers 200 and records each request's raw text. */
public final class RecordingIntake implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

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
    requests.add(raw.toString());
    bodies.add(body);
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<String> requests() {
    return requests;
  }

  public List<byte[]> bodies() {
    return bodies;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
