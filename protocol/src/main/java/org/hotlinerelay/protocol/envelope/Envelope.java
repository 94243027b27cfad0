package org.hotlinerelay.protocol.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * What travels from a relay to the hotline: a sealed report, the relay's id, a random envelope id
 * (the hotline's de-duplication key), and the relay's Ed25519 signature over the rest.
 *
 * <p>The id is random and unrelated to the report id inside the ciphertext; nothing in an envelope
 * tells when the report was made or by whom. {@link #toString()} prints only the id.
 */
public record Envelope(int version, String id, String relayId, byte[] sealed, byte[] signature) {
  public static final int VERSION = 1;
  public static final Pattern RELAY_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,63})");
  private static final byte[] DOMAIN = "hotline-relay/envelope/v1\0".getBytes(StandardCharsets.US_ASCII);

  public Envelope {
    if (version != VERSION) {
      throw new IllegalArgumentException("version");
    }
    if (!Ids.isValid(id)) {
      throw new IllegalArgumentException("id");
    }
    if (relayId == null || !RELAY_ID.matcher(relayId).matches()) {
      throw new IllegalArgumentException("relayId");
    }
    if (sealed == null || sealed.length != HpkeSuite.SEALED_BYTES) {
      throw new IllegalArgumentException("sealed");
    }
    if (signature == null || signature.length == 0 || signature.length > 256) {
      throw new IllegalArgumentException("signature");
    }
    sealed = sealed.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] sealed() {
    return sealed.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The bytes the signature covers: a domain string, then each field length-prefixed. */
  static byte[] signedBytes(int version, String id, String relayId, byte[] sealed) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(sealed.length + 128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(DOMAIN);
      out.writeInt(version);
      writeField(out, id.getBytes(StandardCharsets.US_ASCII));
      writeField(out, relayId.getBytes(StandardCharsets.US_ASCII));
      writeField(out, sealed);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeField(DataOutputStream out, byte[] field) throws IOException {
    out.writeInt(field.length);
    out.write(field);
  }

  byte[] signedBytes() {
    return signedBytes(version, id, relayId, sealed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e && e.version == version && e.id.equals(id)
        && e.relayId.equals(relayId) && Arrays.equals(e.sealed, sealed)
        && Arrays.equals(e.signature, signature);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Envelope[" + id + "]";
  }
}
