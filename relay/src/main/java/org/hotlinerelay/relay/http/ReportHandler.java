// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.relay.Metrics;
import org.hotlinerelay.relay.Metrics.Rejection;
import org.hotlinerelay.relay.form.FormBody;
import org.hotlinerelay.relay.form.MalformedFormException;
import org.hotlinerelay.relay.form.ReportForm;
import org.hotlinerelay.relay.form.Submission;

/**
 * {@code POST /report}. On the IO thread: only {@code application/x-www-form-urlencoded} (UTF-8)
 * is taken (else 415, once the body was read and thrown away unkept), a {@code Content-Length}
 * that is not a number is refused (400), a body over {@link Limits#MAX_FORM_BYTES}, chunked or
 * not, is refused (413, after reading
 * and discarding up to {@link #DRAIN_BYTES} so the answer arrives; beyond that the answer is sent at
 * once and the connection closed), and the body is read without blocking a thread, within a time
 * limit (a client that never finishes is cut off).
 * Then, on a worker thread: parse (400 when malformed), validate (422 with the reporter's values),
 * seal and start spooling ({@link Spooler#acceptAsync}; a filled honeypot: a cover,
 * {@link Spooler#trapAsync}). The worker is then free: the
 * exchange stays open (the worker task runs outside Undertow's call, so returning does not end it)
 * and is answered when the spool's future completes — {@code 303} to the thank-you page, on the
 * exchange's IO thread, only once the envelope is durable; 503 with {@code Retry-After}, rendered
 * on a worker, when it cannot be made durable. Many reports in flight share each folder fsync
 * ({@code ReportHandlerAsyncTest} holds the fsync back and shows the answer waits for it).
 *
 * <p>Reads nothing from the request but its method, path, {@code Content-Type},
 * {@code Content-Length} and body: no header or connection detail can reach a report.
 */
final class ReportHandler implements HttpHandler {
  static final String RETRY_AFTER_SECONDS = "120";
  /** Most bytes read (and thrown away) from an oversize body so that its 413 can be delivered. */
  static final long DRAIN_BYTES = 1024 * 1024;

  private final Pages pages;
  private final ReportForm form;
  private final Spooler spooler;
  private final Metrics metrics;
  private final Duration bodyTimeout;

  ReportHandler(Pages pages, ReportForm form, Spooler spooler, Metrics metrics, Duration bodyTimeout) {
    this.pages = pages;
    this.form = form;
    this.spooler = spooler;
    this.metrics = metrics;
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    boolean form = isUrlEncodedUtf8(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
    long declared = BodyReader.declaredLength(exchange);
    if (declared == BodyReader.INVALID_LENGTH) {
      refuseUnread(exchange, 400, Rejection.BAD_REQUEST);
      return;
    }
    if (declared > DRAIN_BYTES) {
      refuseUnread(exchange, form ? 413 : 415, form ? Rejection.TOO_LARGE : Rejection.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    AtomicBoolean received = new AtomicBoolean();
    XnioExecutor.Key timer = exchange.getIoThread().executeAfter(() -> {
      if (received.compareAndSet(false, true)) {
        IoUtils.safeClose(exchange.getConnection());
      }
    }, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    // BodyReader enforces every body limit, chunked or not: it keeps MAX_FORM_BYTES of a form
    // and nothing of anything else (an upload is read only to be thrown away, so that its 415
    // arrives), and answers at DRAIN_BYTES at the latest. Undertow's own limit (MAX_ENTITY_SIZE,
    // in Listeners) lies beyond, so it is never what refuses a body.
    new BodyReader(exchange, form ? Limits.MAX_FORM_BYTES : 0, DRAIN_BYTES, new BodyReader.Outcome() {
      @Override
      public void complete(HttpServerExchange ex, byte[] body) {
        if (!received.compareAndSet(false, true)) {
          Arrays.fill(body, (byte) 0); // too late: the connection is already closed
          return;
        }
        timer.remove();
        if (form) {
          ex.dispatch(() -> process(ex, body));
        } else {
          refuse(ex, 415, Rejection.UNSUPPORTED_MEDIA_TYPE);
        }
      }

      @Override
      public void tooLarge(HttpServerExchange ex) {
        if (received.compareAndSet(false, true)) {
          timer.remove();
          if (form) {
            refuse(ex, 413, Rejection.TOO_LARGE);
          } else {
            refuse(ex, 415, Rejection.UNSUPPORTED_MEDIA_TYPE);
          }
        }
      }
    }).start();
  }

  private void process(HttpServerExchange exchange, byte[] body) {
    try {
      Map<String, List<String>> fields;
      try {
        fields = FormBody.parse(body);
      } finally {
        Arrays.fill(body, (byte) 0);
      }
      answer(exchange, form.validate(fields));
    } catch (MalformedFormException e) {
      metrics.reportRejected(Rejection.BAD_REQUEST);
      pages.error(exchange, 400);
    } catch (RuntimeException e) {
      Guard.failed(exchange, e);
    }
  }

  private void answer(HttpServerExchange exchange, Submission submission) {
    if (submission instanceof Submission.Trap trap) {
      metrics.honeypotDropped();
      // The same path as a real report, durable write included; only the counter differs.
      durably(exchange, trap.portal(), trap.lang(), spooler::trapAsync, () -> {});
    } else if (submission instanceof Submission.Invalid invalid) {
      metrics.reportRejected(Rejection.INVALID);
      pages.invalid(exchange, invalid.portal(), invalid.lang(), invalid.values(), invalid.errors());
    } else if (submission instanceof Submission.Valid valid) {
      durably(exchange, valid.report().portal(), valid.lang(), () -> spooler.acceptAsync(valid.report()),
          metrics::reportAccepted);
    }
  }

  /** What {@link Spooler} spools, made durable before the answer. */
  @FunctionalInterface
  private interface Spooling {
    CompletableFuture<Void> start() throws Spooler.Unavailable;
  }

  /** Starts {@code spooling}; answers 303 once it is durable (after {@code accepted}), else 503. */
  private void durably(HttpServerExchange exchange, String portal, String lang, Spooling spooling, Runnable accepted) {
    CompletableFuture<Void> durable;
    try {
      durable = spooling.start();
    } catch (Spooler.Unavailable e) {
      unavailable(exchange, e, portal, lang);
      return;
    }
    durable.whenComplete((ok, error) -> {
      if (error == null) {
        // Only a status and a header to write: the IO thread that owns the connection does it.
        answerLater(exchange, exchange.getIoThread(), () -> {
          accepted.run();
          thanks(exchange, portal, lang);
        });
      } else {
        Throwable cause = Spooler.unwrap(error);
        answerLater(exchange, exchange.getConnection().getWorker(), () -> {
          if (cause instanceof Spooler.Unavailable e) {
            unavailable(exchange, e, portal, lang);
          } else {
            Guard.failed(exchange, cause);
          }
        });
      }
    });
  }

  /** Runs {@code answer} on {@code executor}; if that fails, the connection is closed (never left hanging). */
  private static void answerLater(HttpServerExchange exchange, Executor executor, Runnable answer) {
    try {
      executor.execute(() -> {
        try {
          answer.run();
        } catch (RuntimeException e) {
          Guard.failed(exchange, e);
        }
      });
    } catch (RuntimeException e) {
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  private void unavailable(HttpServerExchange exchange, Spooler.Unavailable e, String portal, String lang) {
    metrics.reportRejected(e.reason);
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
    pages.error(exchange, 503, lang, portal);
  }

  /** 303 to the thank-you page of the report's portal (a trap's too: it must look received). */
  private void thanks(HttpServerExchange exchange, String portal, String lang) {
    Router.redirect(exchange, pages.thanksLocation(exchange, portal, lang));
  }

  private void refuseUnread(HttpServerExchange exchange, int status, Rejection reason) {
    exchange.setPersistent(false);
    refuse(exchange, status, reason);
  }

  private void refuse(HttpServerExchange exchange, int status, Rejection reason) {
    metrics.reportRejected(reason);
    pages.error(exchange, status);
  }

  /** {@code application/x-www-form-urlencoded}, with no charset or {@code charset=utf-8}. */
  static boolean isUrlEncodedUtf8(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/x-www-form-urlencoded")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().replace("\"", "");
      if (p.startsWith("charset=") && !p.equals("charset=utf-8")) {
        return false;
      }
    }
    return true;
  }
}
