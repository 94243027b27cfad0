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
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private volatile int delayMillis;

  FakeIntake() throws IOException {
    this(0);
  }

  FakeIntake(int port) throws IOException {
    this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
  }

  /** An HTTPS intake with this server certificate context. */
  FakeIntake(javax.net.ssl.SSLContext tls) throws IOException {
    this(https(tls));
  }

  private static HttpServer https(javax.net.ssl.SSLContext tls) throws IOException {
    com.sun.net.httpserver.HttpsServer server =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    return server;
  }

  private FakeIntake(HttpServer server) {
    this.server = server;
    server.createContext("/v1/envelopes", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      respond(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
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

  /** Each request takes this long to answer (so that concurrency shows). */
  void delay(int millis) {
    delayMillis = millis;
  }

  /** Most requests being handled at once since the last reset. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  void resetMostInFlight() {
    mostInFlight.set(inFlight.get());
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
    String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
