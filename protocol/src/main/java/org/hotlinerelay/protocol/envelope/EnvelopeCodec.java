package org.hotlinerelay.protocol.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * Envelope ⇄ JSON, the body of {@code POST /v1/envelopes}:
 * {@code {"v":2,"id":"…","relay":"…","sealed":"base64","sig":"base64"}} (version 1 has the same
 * fields; {@link Envelope} says how they differ). Parsing is strict: any other field, a missing
 * one, a bad id or size → {@link MalformedMessageException}; a version this code does not
 * {@linkplain Envelope#supports support} → {@link UnsupportedVersionException}.
 */
public final class EnvelopeCodec {
  /** Largest JSON body an intake needs to read for one envelope. */
  public static final int MAX_JSON_BYTES = HpkeSuite.SEALED_BYTES * 4 / 3 + 1024;
  private static final Set<String> FIELDS = Set.of("v", "id", "relay", "sealed", "sig");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SIG_OPEN = ascii("\",\"sig\":\"");
  private static final byte[] CLOSE = ascii("\"}");
  private static final int SEALED_CHARS = base64Length(HpkeSuite.SEALED_BYTES);
  /** The 64 characters of standard Base64, by byte value. */
  private static final boolean[] BASE64_ALPHABET = new boolean[256];

  static {
    for (byte c : ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")) {
      BASE64_ALPHABET[c] = true;
    }
  }

  private EnvelopeCodec() {}

  /**
   * Writes the JSON directly: the id is 32 hex digits and the relay id {@code [a-z0-9-]}
   * ({@link Envelope} refuses anything else) and Base64 has no character JSON escapes, so nothing
   * needs escaping. Byte for byte what Jackson writes ({@code GoldenFilesTest#envelopeV1_reEncodesByteForByte}),
   * without its per-character escape checks over 22 KB of Base64, which cost the relay a fifth of
   * its time under load. One array of the exact size, Base64 encoded into it: no intermediate
   * copies of the 22 KB (each report's garbage is what the relay's GC pauses are made of).
   */
  public static byte[] toJson(Envelope e) {
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] head = ascii("{\"v\":" + e.version() + ",\"id\":\"" + e.id() + "\",\"relay\":\"" + e.relayId() + "\",\"sealed\":\"");
    byte[] sig = base64.encode(e.signatureBytes());
    byte[] sealed = e.sealedBytes();
    int sealedChars = base64Length(sealed.length);
    byte[] out = new byte[head.length + sealedChars + SIG_OPEN.length + sig.length + CLOSE.length];
    // Encoded at the start of the array, then moved into place (arraycopy may overlap).
    base64.encode(sealed, out);
    System.arraycopy(out, 0, out, head.length, sealedChars);
    System.arraycopy(head, 0, out, 0, head.length);
    int at = head.length + sealedChars;
    System.arraycopy(SIG_OPEN, 0, out, at, SIG_OPEN.length);
    at += SIG_OPEN.length;
    System.arraycopy(sig, 0, out, at, sig.length);
    System.arraycopy(CLOSE, 0, out, at + sig.length, CLOSE.length);
    return out;
  }

  private static int base64Length(int bytes) {
    return (bytes + 2) / 3 * 4;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code json} itself when it is exactly what {@link #toJson} writes, else the envelope it holds
   * written that way (so it has no line feed and fits in an {@link EnvelopeBatch}); throws unless
   * it is an envelope {@link #fromJson} accepts. What {@link #toJson} wrote is recognised in one
   * pass over the bytes, without building a tree and decoding 22 KB of Base64 (the forwarder
   * checks every envelope before it leaves); anything else is parsed fully. Accepts exactly what
   * {@link #fromJson} accepts ({@code EnvelopeTest#canonical_acceptsExactlyWhatFromJsonAccepts}).
   */
  public static byte[] canonical(byte[] json) throws MalformedMessageException, UnsupportedVersionException {
    return isCanonical(json) ? json : toJson(fromJson(json));
  }

  /** True when {@code json} has exactly the form {@link #toJson} writes, with valid fields. */
  static boolean isCanonical(byte[] json) {
    int i = expect(json, 0, "{\"v\":");
    if (i < 0 || i >= json.length || !Envelope.supports(json[i] - '0')) {
      return false;
    }
    i = expect(json, i + 1, ",\"id\":\"");
    int idStart = i;
    i = until(json, i);
    if (i - idStart != 32 || !Ids.isValid(new String(json, idStart, 32, StandardCharsets.US_ASCII))) {
      return false;
    }
    int relayStart = i = expect(json, i, "\",\"relay\":\"");
    i = until(json, i);
    if (i < 0 || !Envelope.RELAY_ID.matcher(new String(json, relayStart, i - relayStart, StandardCharsets.US_ASCII)).matches()) {
      return false;
    }
    // The sealed report has one size, so its Base64 has one length: no scan for the closing
    // quote over 22 KB (a quote inside is not Base64, and decodedLength refuses it).
    int sealedStart = expect(json, i, "\",\"sealed\":\"");
    i = sealedStart < 0 ? -1 : sealedStart + SEALED_CHARS;
    if (i < 0 || i >= json.length || json[i] != '"' || decodedLength(json, sealedStart, i) != HpkeSuite.SEALED_BYTES) {
      return false;
    }
    int sigStart = i = expect(json, i, "\",\"sig\":\"");
    i = until(json, i);
    int sig = i < 0 ? -1 : decodedLength(json, sigStart, i);
    return sig >= 1 && sig <= 256 && expect(json, i, "\"}") == json.length;
  }

  /** The index after {@code text} at {@code at}, or -1 (also when {@code at} is -1). */
  private static int expect(byte[] json, int at, String text) {
    if (at < 0 || at + text.length() > json.length) {
      return -1;
    }
    for (int k = 0; k < text.length(); k++) {
      if (json[at + k] != text.charAt(k)) {
        return -1;
      }
    }
    return at + text.length();
  }

  /** The index of the next '"' from {@code at}, or -1. */
  private static int until(byte[] json, int at) {
    if (at < 0) {
      return -1;
    }
    for (int k = at; k < json.length; k++) {
      if (json[k] == '"') {
        return k;
      }
    }
    return -1;
  }

  /** Bytes the padded standard Base64 in {@code [from, to)} decodes to, or -1 if it is not that. */
  private static int decodedLength(byte[] json, int from, int to) {
    int length = to - from;
    if (length == 0 || length % 4 != 0) {
      return -1;
    }
    int padding = json[to - 1] == '=' ? (json[to - 2] == '=' ? 2 : 1) : 0;
    // One table look-up a byte: the forwarder checks 22 KB per envelope, and the chain of range
    // comparisons this replaces was 8% of a loaded relay's CPU.
    boolean bad = false;
    for (int k = from; k < to - padding; k++) {
      bad |= !BASE64_ALPHABET[json[k] & 0xff];
    }
    return bad ? -1 : length / 4 * 3 - padding;
  }

  public static Envelope fromJson(byte[] json) throws MalformedMessageException, UnsupportedVersionException {
    if (json.length > MAX_JSON_BYTES) {
      throw new MalformedMessageException("envelope too large");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (IOException e) {
      throw new MalformedMessageException("envelope is not JSON");
    }
    if (tree == null || !tree.isObject() || !tree.path("v").isInt()) {
      throw new MalformedMessageException("envelope has no version");
    }
    int version = tree.get("v").intValue();
    if (!Envelope.supports(version)) {
      throw new UnsupportedVersionException(version);
    }
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      if (!FIELDS.contains(names.next())) {
        throw new MalformedMessageException("envelope has an unknown field");
      }
    }
    for (String field : FIELDS) {
      if (!field.equals("v") && !tree.path(field).isTextual()) {
        throw new MalformedMessageException("envelope field missing: " + field);
      }
    }
    try {
      return new Envelope(version, tree.get("id").asText(), tree.get("relay").asText(),
          Base64.getDecoder().decode(tree.get("sealed").asText()),
          Base64.getDecoder().decode(tree.get("sig").asText()));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("envelope field invalid: " + e.getMessage());
    }
  }
}
