package org.hotlinerelay.relay.forward;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;

/** A hotline intake for tests on 127.0.0.1:0: records every envelope, answers a settable status. */
final class FakeIntake implements AutoCloseable {
  private final HttpServer server;
  private final List<Envelope> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger requests = new AtomicInteger();

  FakeIntake() throws IOException {
    this(0);
  }

  FakeIntake(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/v1/envelopes", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.incrementAndGet();
    int answer = status.get();
    if (exchange.getRequestMethod().equals("POST") && answer >= 200 && answer < 300) {
      try {
        received.add(EnvelopeCodec.fromJson(body));
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      } catch (Exception e) {
        answer = 400;
      }
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  void answer(int code) {
    status.set(code);
  }

  List<Envelope> received() {
    return received;
  }

  List<String> contentTypes() {
    return contentTypes;
  }

  int requests() {
    return requests.get();
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
