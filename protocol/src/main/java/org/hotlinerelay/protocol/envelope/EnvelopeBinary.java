// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * An envelope as bytes: the one form a relay spools and sends ({@link EnvelopeBatch}). All
 * numbers big-endian:
 *
 * <pre>
 * "HRE"           3 bytes, the magic
 * version         1 byte, {@link Envelope#VERSION}
 * flags           1 byte: 1 for cover, 0 for a report; no other value
 * id             32 bytes, ASCII: 32 lower-case hex digits
 * relay length    1 byte, 1–64
 * relay id        that many bytes, ASCII [a-z0-9-]
 * sig length      2 bytes, 1–256
 * signature       that many bytes
 * sealed          {@link HpkeSuite#SEALED_BYTES} bytes, to the end
 * </pre>
 *
 * <p>Every envelope of one relay has the same length, cover or not. Parsing is strict: any other
 * length, magic or flags, a bad id or relay id → {@link MalformedMessageException}; another
 * version → {@link UnsupportedVersionException} ({@code EnvelopeBinaryTest}).
 */
public final class EnvelopeBinary {
  private static final byte[] MAGIC = "HRE".getBytes(StandardCharsets.US_ASCII);
  private static final int ID_BYTES = 32;
  /** Everything but the relay id, the signature and the sealed report. */
  private static final int FIXED_BYTES = MAGIC.length + 1 + 1 + ID_BYTES + 1 + 2;
  /** Largest envelope in this form. */
  public static final int MAX_BYTES = FIXED_BYTES + Envelope.MAX_RELAY_ID_LENGTH + Envelope.MAX_SIGNATURE_BYTES + HpkeSuite.SEALED_BYTES;

  private EnvelopeBinary() {}

  /** The envelope in this form, in an array of its exact size. */
  public static byte[] encode(Envelope e) {
    byte[] relay = e.relayId().getBytes(StandardCharsets.US_ASCII);
    byte[] signature = e.signatureBytes();
    byte[] sealed = e.sealedBytes();
    ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + relay.length + signature.length + sealed.length);
    out.put(MAGIC).put((byte) e.version()).put((byte) (e.cover() ? 1 : 0));
    out.put(e.id().getBytes(StandardCharsets.US_ASCII));
    out.put((byte) relay.length).put(relay);
    out.putShort((short) signature.length).put(signature);
    return out.put(sealed).array();
  }

  public static Envelope decode(byte[] bytes) throws MalformedMessageException, UnsupportedVersionException {
    if (bytes.length < FIXED_BYTES + 1 || bytes.length > MAX_BYTES
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new MalformedMessageException("not an envelope");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).position(MAGIC.length);
    int version = in.get() & 0xff;
    if (version != Envelope.VERSION) {
      throw new UnsupportedVersionException(version);
    }
    int flags = in.get() & 0xff;
    if (flags > 1) {
      throw new MalformedMessageException("envelope: unknown flags");
    }
    String id = ascii(in, ID_BYTES);
    int relayLength = in.get() & 0xff;
    if (relayLength == 0 || relayLength > Envelope.MAX_RELAY_ID_LENGTH || in.remaining() < relayLength + 2) {
      throw new MalformedMessageException("envelope: bad relay id length");
    }
    String relay = ascii(in, relayLength);
    int signatureLength = in.getShort() & 0xffff;
    if (in.remaining() != signatureLength + HpkeSuite.SEALED_BYTES) {
      throw new MalformedMessageException("envelope: wrong length");
    }
    byte[] signature = new byte[signatureLength];
    byte[] sealed = new byte[HpkeSuite.SEALED_BYTES];
    in.get(signature).get(sealed);
    try {
      return new Envelope(version, id, relay, flags == 1, sealed, signature);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("envelope field invalid: " + e.getMessage());
    }
  }

  private static String ascii(ByteBuffer in, int length) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
