// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * The one request a relay sends the intake: {@code POST} {@link #PATH} with {@link #MEDIA_TYPE},
 * 1 to {@link #MAX_ENVELOPES} envelopes in {@link EnvelopeBinary}'s form, each preceded by its
 * length (4 bytes, big-endian). A single envelope is a batch of one. The framing is the batch's,
 * not the envelope's: an envelope that does not parse still has its place, and gets its own 400
 * in the results.
 *
 * <p>The intake answers {@code 200} with {@code {"results":[201,200,202,403,…]}}: for each
 * envelope, in order, 201 stored, 200 already stored, 202 cover (checked and dropped), 400/403
 * refused for good, 503 not taken now. Each 2xx for a report means it is durable at the hotline.
 * Any other status is about the request as a whole: 429 and 5xx mean "retry all of them later";
 * 400 and 413 mean the batch itself could not be read; 404 and 415 mean the relay is pointed at
 * something that is not this endpoint, a configuration error it reports, never a reason to send in
 * another form.
 */
public final class EnvelopeBatch {
  public static final String PATH = "/v1/envelopes";
  public static final String MEDIA_TYPE = "application/vnd.hotline-relay.envelopes";
  /** Most envelopes in one batch: about 2.1 MB. */
  public static final int MAX_ENVELOPES = 128;
  /** Largest body an intake needs to read for one batch. */
  public static final int MAX_BYTES = MAX_ENVELOPES * (4 + EnvelopeBinary.MAX_BYTES);
  /** A cover envelope's result: signature checked, nothing stored. */
  public static final int COVER_STATUS = 202;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvelopeBatch() {}

  /** The body for these envelopes (each in {@link EnvelopeBinary}'s form). */
  public static byte[] join(List<byte[]> envelopes) {
    if (envelopes.isEmpty() || envelopes.size() > MAX_ENVELOPES) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_ENVELOPES + " envelopes");
    }
    int size = 0;
    for (byte[] envelope : envelopes) {
      if (envelope.length == 0 || envelope.length > EnvelopeBinary.MAX_BYTES) {
        throw new IllegalArgumentException("not the size of an envelope");
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
   * The envelopes of a batch, in order (each still to be parsed with {@link EnvelopeBinary#decode}).
   *
   * @throws MalformedMessageException empty, a length of 0 or over {@link EnvelopeBinary#MAX_BYTES},
   *     a frame cut short, or more than {@link #MAX_ENVELOPES} frames
   */
  public static List<byte[]> split(byte[] body) throws MalformedMessageException {
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
}
