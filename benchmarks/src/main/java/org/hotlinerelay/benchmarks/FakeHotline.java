package org.hotlinerelay.benchmarks;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hotline intake stand-in for {@code load.sh}: reads each envelope body and answers 200; does not
 * verify or store. {@code GET /count} answers how many envelopes arrived.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.FakeHotline 127.0.0.1:18081</pre>
 */
public final class FakeHotline {
  private FakeHotline() {}

  public static void main(String[] args) throws InterruptedException {
    String[] hostPort = (args.length > 0 ? args[0] : "127.0.0.1:18081").split(":");
    AtomicLong envelopes = new AtomicLong();
    HttpHandler handler = exchange -> {
      if (exchange.getRequestMethod().toString().equals("GET")) {
        exchange.getResponseSender().send(envelopes.get() + "\n", StandardCharsets.US_ASCII);
        return;
      }
      exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
        envelopes.incrementAndGet();
        ex.setStatusCode(StatusCodes.OK);
        ex.endExchange();
      });
    };
    Undertow.builder().setIoThreads(1).setWorkerThreads(4)
        .addHttpListener(Integer.parseInt(hostPort[1]), hostPort[0], handler).build().start();
    System.out.println("fake hotline listening on " + String.join(":", hostPort));
    Thread.currentThread().join();
  }
}
