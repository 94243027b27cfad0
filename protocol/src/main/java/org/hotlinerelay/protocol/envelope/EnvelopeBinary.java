package org.hotlinerelay.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * An envelope as bytes, the form a relay spools and sends in binary batches
 * ({@link EnvelopeBatch#BINARY_MEDIA_TYPE}). The same fields as {@link EnvelopeCodec}'s JSON,
 * without Base64: about 16.5 KB instead of 22 KB, which the relay writes to disk, reads back and
 * sends once per report (with the Base64 encoding, a tenth of its work under load; README,
 * "Performance"). All numbers big-endian:
 *
 * <pre>
 * "HRE"           3 bytes, the magic (JSON starts with '{', so the two forms are told apart)
 * version         1 byte, an {@linkplain Envelope#supports supported} envelope version
 * id             32 bytes, ASCII: 32 lower-case hex digits
 * relay length    1 byte, 1–64
 * relay id        that many bytes, ASCII [a-z0-9-]
 * sig length      2 bytes, 1–256
 * signature       that many bytes
 * sealed          {@link HpkeSuite#SEALED_BYTES} bytes, to the end
 * </pre>
 *
 * <p>The signature covers the same bytes in both forms ({@link Envelope#signedBytes}): turning one
 * form into the other changes nothing the hotline verifies. Parsing is as strict as the JSON's:
 * any other length, a bad id or relay id → {@link MalformedMessageException}; a version this code
 * does not support → {@link UnsupportedVersionException} ({@code EnvelopeBinaryTest}).
 */
public final class EnvelopeBinary {
  private static final byte[] MAGIC = "HRE".getBytes(StandardCharsets.US_ASCII);
  private static final int ID_BYTES = 32;
  /** Everything but the relay id, the signature and the sealed report. */
  private static final int FIXED_BYTES = MAGIC.length + 1 + ID_BYTES + 1 + 2;
  /** Largest envelope in this form. */
  public static final int MAX_BYTES = FIXED_BYTES + Envelope.MAX_RELAY_ID_LENGTH + Envelope.MAX_SIGNATURE_BYTES + HpkeSuite.SEALED_BYTES;

  private EnvelopeBinary() {}

  /** The envelope in this form, in an array of its exact size. */
  public static byte[] encode(Envelope e) {
    byte[] relay = e.relayId().getBytes(StandardCharsets.US_ASCII);
    byte[] signature = e.signatureBytes();
    byte[] sealed = e.sealedBytes();
    ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + relay.length + signature.length + sealed.length);
    out.put(MAGIC).put((byte) e.version()).put(e.id().getBytes(StandardCharsets.US_ASCII));
    out.put((byte) relay.length).put(relay);
    out.putShort((short) signature.length).put(signature);
    return out.put(sealed).array();
  }

  /** True when {@code data}'s remaining bytes start with this form's magic (its position is not moved). */
  public static boolean isBinary(ByteBuffer data) {
    if (data.remaining() < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data.get(data.position() + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  public static Envelope decode(byte[] bytes) throws MalformedMessageException, UnsupportedVersionException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < FIXED_BYTES + 1 || bytes.length > MAX_BYTES || !isBinary(in)) {
      throw new MalformedMessageException("not a binary envelope");
    }
    in.position(MAGIC.length);
    int version = in.get() & 0xff;
    if (!Envelope.supports(version)) {
      throw new UnsupportedVersionException(version);
    }
    String id = ascii(in, ID_BYTES);
    int relayLength = in.get() & 0xff;
    if (relayLength == 0 || relayLength > Envelope.MAX_RELAY_ID_LENGTH || in.remaining() < relayLength + 2) {
      throw new MalformedMessageException("binary envelope: bad relay id length");
    }
    String relay = ascii(in, relayLength);
    int signatureLength = in.getShort() & 0xffff;
    if (in.remaining() != signatureLength + HpkeSuite.SEALED_BYTES) {
      throw new MalformedMessageException("binary envelope: wrong length");
    }
    byte[] signature = new byte[signatureLength];
    byte[] sealed = new byte[HpkeSuite.SEALED_BYTES];
    in.get(signature).get(sealed);
    try {
      return new Envelope(version, id, relay, sealed, signature);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("binary envelope field invalid: " + e.getMessage());
    }
  }

  /**
   * The envelope in either form: this one when {@code bytes} start with its magic, else JSON
   * ({@link EnvelopeCodec#fromJson}). What a relay's spool holds: JSON, written by earlier
   * versions, or this form.
   */
  public static Envelope decodeEither(byte[] bytes) throws MalformedMessageException, UnsupportedVersionException {
    return isBinary(ByteBuffer.wrap(bytes)) ? decode(bytes) : EnvelopeCodec.fromJson(bytes);
  }

  private static String ascii(ByteBuffer in, int length) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
