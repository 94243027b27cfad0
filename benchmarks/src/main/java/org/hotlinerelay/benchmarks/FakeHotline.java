package org.hotlinerelay.benchmarks;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * A hotline intake stand-in for {@code load.sh}: reads each envelope body and answers 200 (a
 * batch: 200 with a 201 for each of its envelopes, {@link EnvelopeBatch}, JSON lines or binary;
 * it says it takes binary batches, as the real intake does, unless started with
 * {@code --json-lines}); does not verify or store.
 * It shares the relay's two cores, so it costs as little as it can: bodies are read into one
 * reused buffer per thread, never gathered, and through 16 KiB buffers: below 64 MiB of heap
 * Undertow's default is 512 bytes, and reading a batch 512 bytes a system call cost it a third of
 * one of the two cores (11% with 16 KiB, measured over load.sh's window). {@code GET /count} answers how many envelopes
 * arrived, {@code GET /requests} in how many requests.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.FakeHotline 127.0.0.1:18081 [--json-lines]</pre>
 */
public final class FakeHotline implements HttpHandler {
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
  private static final HttpString ACCEPT_POST = new HttpString("Accept-Post");
  private final AtomicLong envelopes = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final boolean takesBinary;

  private FakeHotline(boolean takesBinary) {
    this.takesBinary = takesBinary;
  }

  public static void main(String[] args) throws InterruptedException {
    String[] hostPort = (args.length > 0 ? args[0] : "127.0.0.1:18081").split(":");
    boolean jsonLines = args.length > 1 && args[1].equals("--json-lines");
    Undertow.builder().setIoThreads(1).setWorkerThreads(4).setBufferSize(16 * 1024)
        .addHttpListener(Integer.parseInt(hostPort[1]), hostPort[0], new FakeHotline(!jsonLines)).build().start();
    System.out.println("fake hotline listening on " + String.join(":", hostPort));
    Thread.currentThread().join();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws IOException {
    if (exchange.getRequestMethod().toString().equals("GET")) {
      long value = exchange.getRelativePath().equals("/requests") ? requests.get() : envelopes.get();
      exchange.getResponseSender().send(value + "\n", StandardCharsets.US_ASCII);
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    if (exchange.getRelativePath().equals(EnvelopeBatch.PATH)) {
      answerBatch(exchange);
      return;
    }
    exchange.getInputStream().transferTo(OutputStream.nullOutputStream());
    requests.incrementAndGet();
    envelopes.incrementAndGet();
    exchange.setStatusCode(StatusCodes.OK);
    exchange.endExchange();
  }

  /**
   * Finds only the length of the batch's first envelope (its first line feed, or its first frame's
   * length): every envelope of a relay has the same length (same relay id, fixed-size sealed
   * report and signature), so the body's length gives the count. A body that does not divide
   * evenly is answered 400 (the relay then sends one by one, which {@code /requests} would show).
   */
  private void answerBatch(HttpServerExchange exchange) throws IOException {
    boolean binary = EnvelopeBatch.BINARY_MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
    if (takesBinary) {
      exchange.getResponseHeaders().put(ACCEPT_POST, EnvelopeBatch.ACCEPT_POST);
    } else if (binary) {
      exchange.setStatusCode(StatusCodes.UNSUPPORTED_MEDIA_TYPE);
      exchange.endExchange();
      return;
    }
    byte[] buffer = BUFFER.get();
    long total = 0;
    long lineLength = -1;
    int frameLength = 0;
    InputStream in = exchange.getInputStream();
    for (int n; (n = in.read(buffer)) != -1; ) {
      for (int i = 0; lineLength < 0 && i < n; i++) {
        if (binary) {
          frameLength = frameLength << 8 | (buffer[i] & 0xff);
          lineLength = total + i == 3 ? 4L + frameLength : -1;
        } else if (buffer[i] == '\n') {
          lineLength = total + i + 1;
        }
      }
      total += n;
    }
    requests.incrementAndGet();
    if (lineLength <= 0 || total % lineLength != 0) {
      exchange.setStatusCode(StatusCodes.BAD_REQUEST);
      exchange.endExchange();
      return;
    }
    int[] stored = new int[(int) (total / lineLength)];
    Arrays.fill(stored, 201);
    envelopes.addAndGet(stored.length);
    exchange.getResponseSender().send(EnvelopeBatch.results(stored), StandardCharsets.US_ASCII);
  }
}
