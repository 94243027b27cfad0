// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The baseline of {@code load.sh}: a bare Undertow handler that only parses the same form and
 * answers 303, no validation, sealing or disk — this machine's HTTP limit for the relay's shape.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.BareParse 127.0.0.1:18082</pre>
 */
public final class BareParse {
  private BareParse() {}

  public static void main(String[] args) throws InterruptedException {
    String[] hostPort = (args.length > 0 ? args[0] : "127.0.0.1:18082").split(":");
    FormParserFactory parsers = FormParserFactory.builder().build();
    HttpHandler answer = exchange -> {
      FormData form = exchange.getAttachment(FormDataParser.FORM_DATA);
      if (form == null || form.get("url") == null) {
        exchange.setStatusCode(StatusCodes.BAD_REQUEST);
        exchange.endExchange();
        return;
      }
      exchange.setStatusCode(StatusCodes.SEE_OTHER);
      exchange.getResponseHeaders().put(Headers.LOCATION, "/thanks");
      exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, "0");
      exchange.endExchange();
    };
    HttpHandler parse = exchange -> {
      FormDataParser parser = parsers.createParser(exchange);
      if (parser == null) {
        exchange.setStatusCode(StatusCodes.UNSUPPORTED_MEDIA_TYPE);
        exchange.endExchange();
        return;
      }
      parser.parse(answer);
    };
    Undertow.builder().setIoThreads(2).setWorkerThreads(32)
        .addHttpListener(Integer.parseInt(hostPort[1]), hostPort[0], parse).build().start();
    System.out.println("bare parse listening on " + String.join(":", hostPort));
    Thread.currentThread().join();
  }
}
