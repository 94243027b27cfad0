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
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;

/**
 * A hotline intake for tests on 127.0.0.1:0: records every envelope, answers a settable status.
 * Batches ({@link EnvelopeBatch}) get that status per envelope when it is a 2xx or a final 4xx,
 * or as the whole answer otherwise (429, 5xx); {@link #batches(boolean) without batches} the batch
 * path answers 404, as an intake of an earlier version would. Binary batches are taken only
 * {@link #takesBinary(boolean) when set}, and then said in {@code Accept-Post}; otherwise they get
 * 415, as from an intake of an earlier version.
 */
final class FakeIntake implements AutoCloseable {
  private final HttpServer server;
  private final List<Envelope> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger batchRequests = new AtomicInteger();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final java.util.Map<String, Integer> statusById = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int delayMillis;
  private volatile boolean batches = true;
  private volatile int batchWhole;
  private volatile boolean takesBinary;
  private final List<String> batchTypes = new CopyOnWriteArrayList<>();

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
    server.createContext(EnvelopeBatch.PATH, this::handle);
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
    if (exchange.getRequestURI().getPath().equals(EnvelopeBatch.PATH)) {
      respondToBatch(exchange, body);
      return;
    }
    int answer = exchange.getRequestMethod().equals("POST") ? answerFor(body, exchange, false) : status.get();
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  private void respondToBatch(HttpExchange exchange, byte[] body) throws IOException {
    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    batchTypes.add(type);
    boolean binary = type.equals(EnvelopeBatch.BINARY_MEDIA_TYPE);
    if (takesBinary) {
      exchange.getResponseHeaders().add("Accept-Post", EnvelopeBatch.ACCEPT_POST);
    }
    int whole = batchWhole != 0 ? batchWhole : status.get();
    if (binary && !takesBinary) {
      exchange.sendResponseHeaders(415, -1);
      exchange.close();
      return;
    }
    if (!batches || batchWhole != 0 || whole == 429 || whole == 408 || whole >= 500) {
      exchange.sendResponseHeaders(batches ? whole : 404, -1);
      exchange.close();
      return;
    }
    batchRequests.incrementAndGet();
    List<byte[]> lines;
    try {
      lines = binary ? EnvelopeBatch.splitBinary(body) : EnvelopeBatch.split(body);
    } catch (org.hotlinerelay.protocol.MalformedMessageException e) {
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
      return;
    }
    largestBatch.accumulateAndGet(lines.size(), Math::max);
    int[] statuses = new int[lines.size()];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = answerFor(lines.get(i), exchange, binary);
    }
    byte[] answer = EnvelopeBatch.results(statuses).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** The status for one envelope: its own if set, else the intake's; a 2xx records it. */
  private int answerFor(byte[] bytes, HttpExchange exchange, boolean binary) {
    int answer = status.get();
    try {
      Envelope envelope = binary ? EnvelopeBinary.decode(bytes) : EnvelopeCodec.fromJson(bytes);
      answer = statusById.getOrDefault(envelope.id(), answer);
      if (answer >= 200 && answer < 300) {
        received.add(envelope);
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      }
    } catch (Exception e) {
      answer = 400;
    }
    return answer;
  }

  /** This envelope is answered {@code code} (in a batch or alone), whatever the others get. */
  void answer(String id, int code) {
    statusById.put(id, code);
  }

  /** With {@code false}, the batch path answers 404 (an intake that takes envelopes one by one). */
  void batches(boolean on) {
    batches = on;
  }

  /** Every batch is answered {@code code} as a whole (e.g. 413); single envelopes as before. */
  void answerBatches(int code) {
    batchWhole = code;
  }

  /** With {@code true}, binary batches are taken and batch answers say so; else they get 415. */
  void takesBinary(boolean on) {
    takesBinary = on;
  }

  /** The Content-Type of each batch request, in the order they came. */
  List<String> batchTypes() {
    return batchTypes;
  }

  /** The most envelopes one batch carried. */
  int largestBatch() {
    return largestBatch.get();
  }

  /** Batch requests answered with per-envelope statuses. */
  int batchRequests() {
    return batchRequests.get();
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
