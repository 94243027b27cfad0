package org.hotlinerelay.protocol.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *
 * <p>Two versions, which differ only in the bytes the signature covers ({@link #signedBytes}):
 * version 1 signs the sealed report itself, version 2 its SHA-256 digest. Ed25519 hashes the
 * whole message twice, so signing the 16 KiB took 74 µs, against 28 µs for all of
 * {@link EnvelopeSigner#wrap} in version 2 ({@code EnvelopeBenchmark}); it was a fifth of a
 * loaded relay's CPU. A relay writes {@link #VERSION}; every
 * {@linkplain #supports supported} version verifies and opens, so envelopes spooled by an older
 * relay are still delivered ({@code GoldenFilesTest}). Version 2 rests on SHA-256's collision
 * resistance as well as on Ed25519.
 */
public record Envelope(int version, String id, String relayId, byte[] sealed, byte[] signature) {
  /** The version this code writes. */
  public static final int VERSION = 2;
  /** Longest relay id. */
  static final int MAX_RELAY_ID_LENGTH = 64;
  /** Longest signature. */
  static final int MAX_SIGNATURE_BYTES = 256;
  public static final Pattern RELAY_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0," + (MAX_RELAY_ID_LENGTH - 1) + "})");
  private static final byte[] DOMAIN_V1 = "hotline-relay/envelope/v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN_V2 = "hotline-relay/envelope/v2\0".getBytes(StandardCharsets.US_ASCII);

  /** True for the versions this code reads and verifies: 1 and 2. */
  public static boolean supports(int version) {
    return version == 1 || version == 2;
  }

  public Envelope {
    if (!supports(version)) {
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
    if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
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

  /**
   * The bytes the signature covers: a domain string naming the version, the version, then each
   * field length-prefixed; the sealed report itself (version 1) or its SHA-256 digest (version 2).
   */
  static byte[] signedBytes(int version, String id, String relayId, byte[] sealed) {
    byte[] domain = version == 1 ? DOMAIN_V1 : DOMAIN_V2;
    byte[] covered = version == 1 ? sealed : sha256(sealed);
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] relayBytes = relayId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(domain.length + 4 * 4 + idBytes.length + relayBytes.length + covered.length);
    out.put(domain).putInt(version);
    out.putInt(idBytes.length).put(idBytes);
    out.putInt(relayBytes.length).put(relayBytes);
    out.putInt(covered.length).put(covered);
    return out.array();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The sealed bytes themselves, not a copy: for this package's encoder only, never to be changed. */
  byte[] sealedBytes() {
    return sealed;
  }

  /** The signature itself, not a copy: for this package's encoder only, never to be changed. */
  byte[] signatureBytes() {
    return signature;
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
