package org.hotlinerelay.protocol.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * Several envelopes in one request to the intake: {@code POST /v1/envelope-batches}, body
 * {@code application/x-ndjson}, each envelope's JSON exactly as {@link EnvelopeCodec#toJson}
 * writes it (which never holds a line feed) followed by one {@code \n}; at most
 * {@link #MAX_ENVELOPES}.
 *
 * <p>The intake answers {@code 200} with {@code {"results":[201,200,403,…]}}: for each envelope,
 * in order, the status {@code POST /v1/envelopes} would have given it alone (201 stored, 200
 * already stored, 400/403 refused, 503 not taken now). Each 2xx in it means that envelope is
 * durable at the hotline. Any other status is about the request as a whole: 429 and 5xx mean
 * "retry all of them later"; 404, 405 and 415 mean the intake has no batch endpoint; 400 and 413
 * mean the batch itself could not be read. In those last cases the relay sends the envelopes one
 * by one, so that each gets its own verdict and none is quarantined for another's fault.
 *
 * <p>Why: with one request per envelope, a loaded relay's forwarder delivered about 1,300
 * envelopes/s while reports came in at 4,000–5,000/s, so the backlog grew until the quota; with
 * batches it keeps up (README, "Performance"). A lone envelope still goes alone and at once.
 */
public final class EnvelopeBatch {
  public static final String PATH = "/v1/envelope-batches";
  public static final String MEDIA_TYPE = "application/x-ndjson";
  /** Most envelopes in one batch: about 730 KB, a few seconds over Tor. */
  public static final int MAX_ENVELOPES = 32;
  /** Largest body an intake needs to read for one batch. */
  public static final int MAX_BYTES = MAX_ENVELOPES * (EnvelopeCodec.MAX_JSON_BYTES + 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvelopeBatch() {}

  /** The body for these envelopes' JSON (each as {@link EnvelopeCodec#toJson} wrote it). */
  public static byte[] join(List<byte[]> envelopes) {
    if (envelopes.isEmpty() || envelopes.size() > MAX_ENVELOPES) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_ENVELOPES + " envelopes");
    }
    int size = 0;
    for (byte[] json : envelopes) {
      size += json.length + 1;
    }
    byte[] body = new byte[size];
    int at = 0;
    for (byte[] json : envelopes) {
      if (indexOf(json, 0, json.length, (byte) '\n') >= 0) {
        throw new IllegalArgumentException("an envelope's JSON holds a line feed");
      }
      System.arraycopy(json, 0, body, at, json.length);
      at += json.length;
      body[at++] = '\n';
    }
    return body;
  }

  /**
   * The envelopes' JSON, in order (each still to be parsed with {@link EnvelopeCodec#fromJson}).
   *
   * @throws MalformedMessageException empty, not ended by a line feed, an empty line, a line
   *     longer than an envelope can be, or more than {@link #MAX_ENVELOPES} lines
   */
  public static List<byte[]> split(byte[] body) throws MalformedMessageException {
    if (body.length == 0 || body[body.length - 1] != '\n') {
      throw new MalformedMessageException("batch is empty or not ended by a line feed");
    }
    List<byte[]> lines = new ArrayList<>();
    for (int start = 0; start < body.length; ) {
      int end = indexOf(body, start, body.length, (byte) '\n');
      if (end == start || end - start > EnvelopeCodec.MAX_JSON_BYTES) {
        throw new MalformedMessageException("batch line empty or too long");
      }
      if (lines.size() == MAX_ENVELOPES) {
        throw new MalformedMessageException("batch has too many envelopes");
      }
      lines.add(Arrays.copyOfRange(body, start, end));
      start = end + 1;
    }
    return lines;
  }

  /** The intake's answer body for these per-envelope statuses. */
  public static String results(int[] statuses) {
    StringBuilder out = new StringBuilder(16 + 4 * statuses.length).append("{\"results\":[");
    for (int i = 0; i < statuses.length; i++) {
      out.append(i == 0 ? "" : ",").append(statuses[i]);
    }
    return out.append("]}").toString();
  }

  /**
   * The per-envelope statuses of an intake's 200 answer to a batch of {@code expected} envelopes.
   *
   * @throws MalformedMessageException not that shape, another count, or a status outside 100–599
   */
  public static int[] parseResults(byte[] body, int expected) throws MalformedMessageException {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedMessageException("batch results are not JSON");
    }
    JsonNode results = tree == null ? null : tree.get("results");
    if (results == null || !results.isArray() || results.size() != expected) {
      throw new MalformedMessageException("batch results missing or of another count");
    }
    int[] statuses = new int[expected];
    for (int i = 0; i < expected; i++) {
      JsonNode status = results.get(i);
      if (!status.isInt() || status.intValue() < 100 || status.intValue() > 599) {
        throw new MalformedMessageException("batch result is not a status");
      }
      statuses[i] = status.intValue();
    }
    return statuses;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
