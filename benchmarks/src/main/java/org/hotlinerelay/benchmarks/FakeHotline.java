package org.hotlinerelay.benchmarks;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * A hotline intake stand-in for {@code load.sh}: reads each envelope body and answers 200 (a
 * batch: 200 with a 201 for each of its lines, {@link EnvelopeBatch}); does not verify or store.
 * Bodies are counted as they stream in, never gathered: the stand-in shares the relay's two cores
 * and should cost as little of them as it can. {@code GET /count} answers how many envelopes
 * arrived, {@code GET /requests} in how many requests.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.FakeHotline 127.0.0.1:18081</pre>
 */
public final class FakeHotline {
  private FakeHotline() {}

  public static void main(String[] args) throws InterruptedException {
    String[] hostPort = (args.length > 0 ? args[0] : "127.0.0.1:18081").split(":");
    AtomicLong envelopes = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    HttpHandler handler = exchange -> {
      if (exchange.getRequestMethod().toString().equals("GET")) {
        long value = exchange.getRelativePath().equals("/requests") ? requests.get() : envelopes.get();
        exchange.getResponseSender().send(value + "\n", StandardCharsets.US_ASCII);
        return;
      }
      boolean batch = exchange.getRelativePath().equals(EnvelopeBatch.PATH);
      int[] lines = {0};
      exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
        for (byte b : chunk) {
          lines[0] += b == '\n' ? 1 : 0;
        }
        if (last) {
          answer(ex, batch, lines[0], envelopes, requests);
        }
      });
    };
    Undertow.builder().setIoThreads(1).setWorkerThreads(4)
        .addHttpListener(Integer.parseInt(hostPort[1]), hostPort[0], handler).build().start();
    System.out.println("fake hotline listening on " + String.join(":", hostPort));
    Thread.currentThread().join();
  }

  private static void answer(HttpServerExchange ex, boolean batch, int lines, AtomicLong envelopes, AtomicLong requests) {
    requests.incrementAndGet();
    if (!batch) {
      envelopes.incrementAndGet();
      ex.setStatusCode(StatusCodes.OK);
      ex.endExchange();
      return;
    }
    int[] stored = new int[lines];
    Arrays.fill(stored, 201);
    envelopes.addAndGet(lines);
    ex.getResponseSender().send(EnvelopeBatch.results(stored), StandardCharsets.US_ASCII);
  }
}
