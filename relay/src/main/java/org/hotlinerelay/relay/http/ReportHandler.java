package org.hotlinerelay.relay.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * is taken (else 415), a body over {@link Limits#MAX_FORM_BYTES} is refused (413, after reading
 * and discarding up to {@link #DRAIN_BYTES} so the answer arrives; beyond that the answer is sent at
 * once and the connection closed), and the body is read without blocking a thread, within a time
 * limit (a client that never finishes is cut off).
 * Then, on a worker thread: parse (400 when malformed), validate (422 with the reporter's values),
 * seal and spool ({@link SealingIntake}), and only then {@code 303} to the thank-you page
 * (503 with {@code Retry-After} when the report cannot be made durable).
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
  private final SealingIntake intake;
  private final Metrics metrics;
  private final Duration bodyTimeout;

  ReportHandler(Pages pages, ReportForm form, SealingIntake intake, Metrics metrics, Duration bodyTimeout) {
    this.pages = pages;
    this.form = form;
    this.intake = intake;
    this.metrics = metrics;
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!isUrlEncodedUtf8(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      refuseUnread(exchange, 415, Rejection.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    if (exchange.getRequestContentLength() > DRAIN_BYTES) {
      refuseUnread(exchange, 413, Rejection.TOO_LARGE);
      return;
    }
    AtomicBoolean received = new AtomicBoolean();
    XnioExecutor.Key timer = exchange.getIoThread().executeAfter(() -> {
      if (received.compareAndSet(false, true)) {
        IoUtils.safeClose(exchange.getConnection());
      }
    }, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    // Undertow's own limit (MAX_ENTITY_SIZE) would cut the connection mid-body and lose the 413:
    // a body with a Content-Length may carry up to DRAIN_BYTES, of which BodyReader keeps
    // MAX_FORM_BYTES. (A chunked body's limit is fixed before this runs: Undertow closes the
    // connection at MAX_FORM_BYTES, without an answer. Browsers never send forms chunked.)
    exchange.setMaxEntitySize(DRAIN_BYTES);
    new BodyReader(exchange, Limits.MAX_FORM_BYTES, DRAIN_BYTES, new BodyReader.Outcome() {
      @Override
      public void complete(HttpServerExchange ex, byte[] body) {
        if (received.compareAndSet(false, true)) {
          timer.remove();
          ex.dispatch(() -> process(ex, body));
        }
      }

      @Override
      public void tooLarge(HttpServerExchange ex) {
        if (received.compareAndSet(false, true)) {
          timer.remove();
          refuse(ex, 413, Rejection.TOO_LARGE);
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
      thanks(exchange, trap.lang());
    } else if (submission instanceof Submission.Invalid invalid) {
      metrics.reportRejected(Rejection.INVALID);
      pages.invalid(exchange, invalid.portal(), invalid.lang(), invalid.values(), invalid.errors());
    } else if (submission instanceof Submission.Valid valid) {
      try {
        intake.accept(valid.report());
      } catch (SealingIntake.Unavailable e) {
        metrics.reportRejected(e.reason);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, RETRY_AFTER_SECONDS);
        pages.error(exchange, 503, valid.lang());
        return;
      }
      metrics.reportAccepted();
      thanks(exchange, valid.lang());
    }
  }

  private void thanks(HttpServerExchange exchange, String lang) {
    Router.redirect(exchange, pages.pageLanguage(lang) + "/thanks");
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
