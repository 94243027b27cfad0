package org.hotlinerelay.protocol.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * Several envelopes in one request to the intake: {@code POST /v1/envelope-batches}, in one of two
 * forms, at most {@link #MAX_ENVELOPES} envelopes either way:
 * <ul>
 *   <li>{@link #MEDIA_TYPE} ({@code application/x-ndjson}): each envelope's JSON exactly as
 *       {@link EnvelopeCodec#toJson} writes it (which never holds a line feed) followed by one
 *       {@code \n}. Every intake with batches takes it.
 *   <li>{@link #BINARY_MEDIA_TYPE}: each envelope in {@link EnvelopeBinary}'s form, preceded by its
 *       length (4 bytes, big-endian). The framing is the batch's, not the envelope's: an envelope
 *       that does not parse still has its place, and gets its own 400 in the results. A quarter
 *       fewer bytes and no Base64 (README, "Performance").
 * </ul>
 *
 * <p>An intake that takes the binary form says so on every answer of the batch path, with
 * {@code Accept-Post:} {@link #ACCEPT_POST}. A relay sends the binary form only while the last batch
 * answer it got said so, and JSON lines otherwise: from its start until an answer says so, and
 * after any batch answer that is not such a 200 (an intake downgraded, a network failure). So a
 * new relay works with an older intake, which never says so, without one failed request, and an
 * older relay with a newer intake, which still takes JSON lines ({@code ForwarderTest}).
 *
 * <p>The intake answers {@code 200} with {@code {"results":[201,200,403,…]}}: for each envelope,
 * in order, the status {@code POST /v1/envelopes} would have given it alone (201 stored, 200
 * already stored, 400/403 refused, 503 not taken now). Each 2xx in it means that envelope is
 * durable at the hotline. Any other status is about the request as a whole: 429 and 5xx mean
 * "retry all of them later"; 404, 405 and 415 mean the intake has no batch endpoint (for this
 * form); 400 and 413 mean the batch itself could not be read. In those last cases the relay sends
 * the envelopes one by one, so that each gets its own verdict and none is quarantined for
 * another's fault.
 *
 * <p>Why: with one request per envelope, a loaded relay's forwarder delivered about 1,300
 * envelopes/s while reports came in at 4,000–5,000/s, so the backlog grew until the quota; with
 * batches it keeps up (README, "Performance"). A lone envelope still goes alone and at once.
 */
public final class EnvelopeBatch {
  public static final String PATH = "/v1/envelope-batches";
  public static final String MEDIA_TYPE = "application/x-ndjson";
  public static final String BINARY_MEDIA_TYPE = "application/vnd.hotline-relay.envelopes";
  /** The {@code Accept-Post} of an intake that takes both forms. */
  public static final String ACCEPT_POST = BINARY_MEDIA_TYPE + ", " + MEDIA_TYPE;
  /** Most envelopes in one batch: about 730 KB, a few seconds over Tor. */
  public static final int MAX_ENVELOPES = 32;
  /** Largest body an intake needs to read for one batch. */
  public static final int MAX_BYTES = MAX_ENVELOPES * (EnvelopeCodec.MAX_JSON_BYTES + 1);
  /** Largest body an intake needs to read for one binary batch. */
  public static final int MAX_BINARY_BYTES = MAX_ENVELOPES * (4 + EnvelopeBinary.MAX_BYTES);
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

  /** The binary body for these envelopes (each in {@link EnvelopeBinary}'s form). */
  public static byte[] joinBinary(List<byte[]> envelopes) {
    if (envelopes.isEmpty() || envelopes.size() > MAX_ENVELOPES) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_ENVELOPES + " envelopes");
    }
    int size = 0;
    for (byte[] envelope : envelopes) {
      if (envelope.length == 0 || envelope.length > EnvelopeBinary.MAX_BYTES) {
        throw new IllegalArgumentException("not the size of a binary envelope");
      }
      size += 4 + envelope.length;
    }
    ByteBuffer body = ByteBuffer.allocate(size);
    for (byte[] envelope : envelopes) {
      body.putInt(envelope.length).put(envelope);
    }
    return body.array();
  }

  /**
   * The envelopes of a binary batch, in order (each still to be parsed with
   * {@link EnvelopeBinary#decode}).
   *
   * @throws MalformedMessageException empty, a length of 0 or over {@link EnvelopeBinary#MAX_BYTES},
   *     a frame cut short, or more than {@link #MAX_ENVELOPES} frames
   */
  public static List<byte[]> splitBinary(byte[] body) throws MalformedMessageException {
    if (body.length == 0) {
      throw new MalformedMessageException("batch is empty");
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    List<byte[]> envelopes = new ArrayList<>();
    while (in.hasRemaining()) {
      if (envelopes.size() == MAX_ENVELOPES) {
        throw new MalformedMessageException("batch has too many envelopes");
      }
      int length = in.remaining() < 4 ? -1 : in.getInt();
      if (length <= 0 || length > EnvelopeBinary.MAX_BYTES || length > in.remaining()) {
        throw new MalformedMessageException("batch frame of a bad length or cut short");
      }
      byte[] envelope = new byte[length];
      in.get(envelope);
      envelopes.add(envelope);
    }
    return envelopes;
  }

  /**
   * True when an intake's {@code Accept-Post} header (null when absent) names
   * {@link #BINARY_MEDIA_TYPE}.
   */
  public static boolean takesBinary(String acceptPost) {
    if (acceptPost == null) {
      return false;
    }
    for (String type : acceptPost.split(",")) {
      if (type.split(";", 2)[0].strip().equalsIgnoreCase(BINARY_MEDIA_TYPE)) {
        return true;
      }
    }
    return false;
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
