// SPDX-License-Identifier: Apache-2.0
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
 * What travels from a relay to the hotline: a sealed report (or cover), the relay's id, a random
 * envelope id (the hotline's de-duplication key), a cover flag, and the relay's Ed25519 signature
 * over all of these.
 *
 * <p>The id is random and unrelated to the report id inside the ciphertext; nothing in an envelope
 * tells when the report was made or by whom. A <em>cover</em> envelope has the same size and form
 * as a report's, and its sealed part is a real HPKE ciphertext under the hotline's key, so only the
 * flag tells them apart; the flag is inside the signed part, so nobody on the way can turn a report
 * into cover or back, and the link's TLS or Tor hides it from the network. The intake drops cover
 * after checking the signature. {@link #toString()} prints only the id.
 *
 * <p>The signature covers {@link #signedBytes}: a domain string, the version, the id, the relay id,
 * the flag and the SHA-256 digest of the sealed bytes, so it rests on SHA-256's collision
 * resistance as well as on Ed25519. On the wire and in the relay's spool an envelope is in
 * {@link EnvelopeBinary}'s form; golden files pin it ({@code GoldenFilesTest}).
 */
public record Envelope(int version, String id, String relayId, boolean cover, byte[] sealed, byte[] signature) {
  /** The one envelope version. */
  public static final int VERSION = 1;
  /** Longest relay id. */
  static final int MAX_RELAY_ID_LENGTH = 64;
  /** Longest signature. */
  static final int MAX_SIGNATURE_BYTES = 256;
  public static final Pattern RELAY_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0," + (MAX_RELAY_ID_LENGTH - 1) + "})");
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
   * The bytes the signature covers: the domain string, the version, the id and the relay id
   * (each length-prefixed), the cover flag (one byte, 0 or 1), the SHA-256 of the sealed bytes.
   */
  static byte[] signedBytes(String id, String relayId, boolean cover, byte[] sealed) {
    byte[] digest = sha256(sealed);
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] relayBytes = relayId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(DOMAIN.length + 4 * 4 + idBytes.length + relayBytes.length + 1 + digest.length);
    out.put(DOMAIN).putInt(VERSION);
    out.putInt(idBytes.length).put(idBytes);
    out.putInt(relayBytes.length).put(relayBytes);
    out.put((byte) (cover ? 1 : 0));
    out.putInt(digest.length).put(digest);
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
    return signedBytes(id, relayId, cover, sealed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e && e.version == version && e.id.equals(id) && e.cover == cover
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
