package org.hotlinerelay.hotline.intake;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.hotlinerelay.hotline.intake.IntakeMetrics.Outcome;
import org.hotlinerelay.protocol.BadSignatureException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnknownRelayException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;

/**
 * {@code POST /v1/envelopes}: checks, verifies and stores one sealed envelope. Every outcome has
 * its own status and a fixed JSON body: 201 stored, 200 already stored, 400 malformed or
 * unsupported version, 403 unknown relay or bad signature, 405, 413, 415; 503 with
 * {@code Retry-After} when the inbox cannot take it. A 2xx is sent only once the envelope is
 * durable. Nothing is decrypted here; the intake holds no private key.
 */
final class EnvelopeHandler implements HttpHandler {
  static final String PATH = "/v1/envelopes";
  /** Most bytes of an oversize body read (and dropped) so that its 413 reaches the client. */
  static final long DRAIN_LIMIT = 1 << 20;

  private final EnvelopeVerifier verifier;
  private final EnvelopeStore inbox;
  private final IntakeMetrics metrics;
  private final int retryAfterSeconds;

  EnvelopeHandler(EnvelopeVerifier verifier, EnvelopeStore inbox, IntakeMetrics metrics, int retryAfterSeconds) {
    this.verifier = verifier;
    this.inbox = inbox;
    this.metrics = metrics;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    try {
      handle(exchange);
    } catch (RuntimeException e) {
      IntakeLog.unexpected(e);
      if (!exchange.isResponseStarted()) {
        exchange.setStatusCode(503);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
        Responses.json(exchange, "{\"error\":\"unavailable\"}");
      }
    }
  }

  private void handle(HttpServerExchange exchange) {
    if (!PATH.equals(exchange.getRelativePath())) {
      refuse(exchange, 404, Outcome.NOT_FOUND);
      return;
    }
    if (!Methods.POST.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      refuse(exchange, 405, Outcome.METHOD_NOT_ALLOWED);
      return;
    }
    if (!isJson(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE))) {
      refuse(exchange, 415, Outcome.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    if (exchange.getRequestContentLength() > EnvelopeCodec.MAX_JSON_BYTES) {
      tooLarge(exchange);
      return;
    }
    byte[] body;
    try {
      body = readBody(exchange);
    } catch (RequestTooBigException e) {
      refuse(exchange, 413, Outcome.TOO_LARGE);
      return;
    } catch (IOException e) {
      refuse(exchange, 400, Outcome.MALFORMED);
      return;
    }
    if (body == null) {
      tooLarge(exchange);
      return;
    }
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.fromJson(body);
      verifier.verify(envelope);
    } catch (MalformedMessageException e) {
      refuse(exchange, 400, Outcome.MALFORMED);
      return;
    } catch (UnsupportedVersionException e) {
      refuse(exchange, 400, Outcome.UNSUPPORTED_VERSION);
      return;
    } catch (UnknownRelayException e) {
      refuse(exchange, 403, Outcome.UNKNOWN_RELAY);
      return;
    } catch (BadSignatureException e) {
      refuse(exchange, 403, Outcome.BAD_SIGNATURE);
      return;
    }
    store(exchange, envelope);
  }

  private void store(HttpServerExchange exchange, Envelope envelope) {
    EnvelopeStore.Result result = inbox.store(envelope);
    switch (result) {
      case STORED -> {
        metrics.stored();
        IntakeLog.stored();
        exchange.setStatusCode(201);
        Responses.json(exchange, "{\"status\":\"stored\"}");
      }
      case DUPLICATE -> {
        metrics.duplicate();
        IntakeLog.duplicate();
        exchange.setStatusCode(200);
        Responses.json(exchange, "{\"status\":\"duplicate\"}");
      }
      case FULL -> unavailable(exchange, Outcome.INBOX_FULL);
      case DISK_FAILURE -> unavailable(exchange, Outcome.DISK_FAILURE);
    }
  }

  private void unavailable(HttpServerExchange exchange, Outcome outcome) {
    metrics.refused(outcome);
    exchange.setStatusCode(503);
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
    Responses.json(exchange, "{\"error\":\"" + outcome.label + "\"}");
  }

  private void refuse(HttpServerExchange exchange, int status, Outcome outcome) {
    if (status != 400 && status != 403) {
      // Refused before the body was read: close the connection, so that unread body bytes are
      // never parsed as the next request on a kept-alive connection.
      exchange.setPersistent(false);
    }
    metrics.refused(outcome);
    IntakeLog.refused(outcome);
    exchange.setStatusCode(status);
    Responses.json(exchange, "{\"error\":\"" + outcome.label + "\"}");
  }

  /**
   * 413. A body up to {@link #DRAIN_LIMIT} is read and dropped first, so the client gets the
   * answer instead of a reset connection; anything larger is cut off.
   */
  private void tooLarge(HttpServerExchange exchange) {
    if (exchange.getRequestContentLength() <= DRAIN_LIMIT) {
      try {
        exchange.startBlocking();
        InputStream in = exchange.getInputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; total <= DRAIN_LIMIT && (n = in.read(buffer)) != -1; ) {
          total += n;
        }
      } catch (IOException e) {
        // The connection is closed below either way.
      }
    }
    refuse(exchange, 413, Outcome.TOO_LARGE);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", 2);
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      return false;
    }
    return parts.length == 1 || parts[1].strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("charset=utf-8");
  }

  /** The body, or {@code null} when it is longer than an envelope can be. */
  private static byte[] readBody(HttpServerExchange exchange) throws IOException {
    exchange.startBlocking();
    ByteArrayOutputStream out = new ByteArrayOutputStream(EnvelopeCodec.MAX_JSON_BYTES);
    byte[] buffer = new byte[8192];
    InputStream in = exchange.getInputStream();
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      if (out.size() > EnvelopeCodec.MAX_JSON_BYTES) {
        return null;
      }
    }
    return out.toByteArray();
  }
}
