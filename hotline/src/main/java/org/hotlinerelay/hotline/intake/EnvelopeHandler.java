// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hotlinerelay.hotline.intake.IntakeMetrics.Outcome;
import org.hotlinerelay.protocol.BadSignatureException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnknownRelayException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;

/**
 * {@code POST /v1/envelopes} ({@link EnvelopeBatch}): checks, verifies and stores a batch of
 * sealed envelopes (a single envelope is a batch of one). Each envelope gets its own status in a
 * 200's results: 201 stored, 200 already stored, 202 cover (signature checked, counted, nothing
 * stored: {@code IntakeBatchTest#cover_isVerifiedCountedAndNeverStored}), 400 malformed or
 * unsupported version, 403 unknown relay or bad signature (a cover with a bad signature too), 503
 * when the inbox cannot take it. The writes share fsyncs, and the 200 is sent only once every
 * envelope answered 201 is durable ({@code IntakeBatchTest}). The request as a whole: 404 for any
 * other path, 405, 415 for any other media type, 413, 400 when the framing does not parse. Nothing
 * is decrypted here; the intake holds no private key. The inbox holds each report envelope in
 * {@link EnvelopeBinary}'s form.
 */
final class EnvelopeHandler implements HttpHandler {
  /** Most bytes of an oversize body read (and dropped) so that its 413 reaches the client. */
  static final long DRAIN_LIMIT = EnvelopeBatch.MAX_BYTES + (1 << 20);
  /**
   * Undertow's entity limit: past the most this handler ever reads (the largest batch, then
   * {@link #DRAIN_LIMIT}), so that the handler, not Undertow, refuses every body. Undertow's own
   * refusal of a chunked body is a reset and a stack trace per request.
   */
  static final long ENTITY_LIMIT = DRAIN_LIMIT + (64 << 10);

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
    if (!EnvelopeBatch.PATH.equals(exchange.getRelativePath())) {
      refuse(exchange, 404, Outcome.NOT_FOUND);
      return;
    }
    if (!Methods.POST.equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      refuse(exchange, 405, Outcome.METHOD_NOT_ALLOWED);
      return;
    }
    if (!isMediaType(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), EnvelopeBatch.MEDIA_TYPE)) {
      refuse(exchange, 415, Outcome.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    long declared = declaredLength(exchange);
    if (declared == INVALID_LENGTH) {
      exchange.setPersistent(false);
      refuse(exchange, 400, Outcome.MALFORMED);
      return;
    }
    if (declared > EnvelopeBatch.MAX_BYTES) {
      tooLarge(exchange);
      return;
    }
    byte[] body;
    try {
      body = readBody(exchange, EnvelopeBatch.MAX_BYTES);
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
    storeBatch(exchange, body);
  }

  /** Each frame checked as one envelope; cover dropped; the valid reports stored together; 200 with every status. */
  private void storeBatch(HttpServerExchange exchange, byte[] body) {
    List<byte[]> frames;
    try {
      frames = EnvelopeBatch.split(body);
    } catch (MalformedMessageException e) {
      refuse(exchange, 400, Outcome.MALFORMED);
      return;
    }
    int[] statuses = new int[frames.size()];
    List<Envelope> valid = new ArrayList<>(frames.size());
    List<Integer> where = new ArrayList<>(frames.size());
    for (int i = 0; i < statuses.length; i++) {
      try {
        Envelope envelope = verified(frames.get(i));
        if (envelope.cover()) {
          metrics.cover();
          statuses[i] = EnvelopeBatch.COVER_STATUS;
        } else {
          valid.add(envelope);
          where.add(i);
        }
      } catch (Refusal r) {
        metrics.refused(r.outcome);
        IntakeLog.refused(r.outcome);
        statuses[i] = r.status;
      }
    }
    EnvelopeStore.Result[] results = inbox.storeAll(valid);
    for (int k = 0; k < results.length; k++) {
      statuses[where.get(k)] = counted(results[k]);
    }
    exchange.setStatusCode(200);
    Responses.json(exchange, EnvelopeBatch.results(statuses));
  }

  /** The envelope in {@code bytes}, its signature verified. */
  private Envelope verified(byte[] bytes) throws Refusal {
    try {
      Envelope envelope = EnvelopeBinary.decode(bytes);
      verifier.verify(envelope);
      return envelope;
    } catch (MalformedMessageException e) {
      throw new Refusal(400, Outcome.MALFORMED);
    } catch (UnsupportedVersionException e) {
      throw new Refusal(400, Outcome.UNSUPPORTED_VERSION);
    } catch (UnknownRelayException e) {
      throw new Refusal(403, Outcome.UNKNOWN_RELAY);
    } catch (BadSignatureException e) {
      throw new Refusal(403, Outcome.BAD_SIGNATURE);
    }
  }

  /** Counts a store result and gives its status in the results. */
  private int counted(EnvelopeStore.Result result) {
    switch (result) {
      case STORED -> {
        metrics.stored();
        IntakeLog.stored();
        return 201;
      }
      case DUPLICATE -> {
        metrics.duplicate();
        IntakeLog.duplicate();
        return 200;
      }
      case FULL -> metrics.refused(Outcome.INBOX_FULL);
      case DISK_FAILURE -> metrics.refused(Outcome.DISK_FAILURE);
      case IN_PROGRESS -> metrics.refused(Outcome.IN_PROGRESS);
    }
    return 503;
  }

  /** Why an envelope was refused: its status and the counter it goes to. No stack trace. */
  private static final class Refusal extends Exception {
    final int status;
    final transient Outcome outcome;

    Refusal(int status, Outcome outcome) {
      super(null, null, false, false);
      this.status = status;
      this.outcome = outcome;
    }
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
    if (declaredLength(exchange) <= DRAIN_LIMIT) {
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

  /** {@code type}, optionally with {@code charset=utf-8}, and nothing else. */
  static boolean isMediaType(String contentType, String type) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", 2);
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(type)) {
      return false;
    }
    return parts.length == 1 || parts[1].strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("charset=utf-8");
  }

  private static final long INVALID_LENGTH = -2;

  /**
   * The {@code Content-Length}: -1 when there is none, {@link #INVALID_LENGTH} when it is not one
   * decimal number below 2^63 (Undertow's accessor throws on {@code 18446744073709551616}).
   */
  private static long declaredLength(HttpServerExchange exchange) {
    var values = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
    if (values == null || values.isEmpty()) {
      return -1;
    }
    String value = values.getFirst().strip();
    if (values.size() > 1 || value.isEmpty() || value.length() > 18
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return INVALID_LENGTH;
    }
    return Long.parseLong(value);
  }

  /** The body, or {@code null} when it is longer than {@code limit}. */
  private static byte[] readBody(HttpServerExchange exchange, int limit) throws IOException {
    exchange.startBlocking();
    long declared = declaredLength(exchange);
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 32 * 1024);
    byte[] buffer = new byte[8192];
    InputStream in = exchange.getInputStream();
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      if (out.size() > limit) {
        return null;
      }
    }
    return out.toByteArray();
  }
}
