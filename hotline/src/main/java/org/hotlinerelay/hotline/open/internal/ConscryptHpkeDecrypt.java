// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.open.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.conscrypt.Conscrypt;
import org.conscrypt.HpkeContextRecipient;

/**
 * Tink's {@link HybridDecrypt} for a keyset of HPKE X25519 / HKDF-SHA256 / AES-256-GCM private
 * keys, computed by Conscrypt (BoringSSL's {@code EVP_HPKE}, RFC 9180 base mode), reading Tink's
 * layout: the key's output prefix, the encapsulated key, the ciphertext. As Tink's keyset
 * decryption does, it tries the keys whose prefix the ciphertext starts with, then the keys
 * without a prefix; it opens what Tink seals and refuses what Tink refuses
 * ({@code ConscryptHpkeDecryptTest}).
 *
 * <p>Conscrypt's provider is an object this class holds and passes by hand; it is never installed,
 * so no other code in the JVM sees it or gets a different provider for anything.
 */
public final class ConscryptHpkeDecrypt implements HybridDecrypt {
  private static final String SUITE = "DHKEM_X25519_HKDF_SHA256/HKDF_SHA256/AES_256_GCM";
  private static final int ENCAPSULATED_BYTES = 32;
  /** The DER head of a PKCS#8 PrivateKeyInfo holding a raw X25519 key (RFC 8410). */
  private static final byte[] X25519_PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20
  };

  /** A key and the output prefix of the ciphertexts it opens. */
  private record Recipient(byte[] prefix, PrivateKey key) {}

  private final Provider conscrypt;
  /** Keys with a prefix first, then those without, each group in keyset order. */
  private final List<Recipient> recipients;

  private ConscryptHpkeDecrypt(Provider conscrypt, List<Recipient> recipients) {
    this.conscrypt = conscrypt;
    this.recipients = recipients;
  }

  /**
   * For {@code keyset}, or null when one of its keys is not an HPKE private key of that suite, or
   * Conscrypt's native library does not load on this platform (the caller then uses Tink's own
   * HPKE, which reads the same format).
   */
  public static HybridDecrypt forKeyset(KeysetHandle keyset) {
    try {
      Provider conscrypt = Conscrypt.newProvider();
      List<Recipient> prefixed = new ArrayList<>();
      List<Recipient> raw = new ArrayList<>();
      for (int i = 0; i < keyset.size(); i++) {
        if (!(keyset.getAt(i).getKey() instanceof HpkePrivateKey key) || !ofTheSuite(key.getParameters())) {
          return null;
        }
        Recipient recipient = new Recipient(key.getOutputPrefix().toByteArray(), privateKey(conscrypt, key));
        (recipient.prefix().length > 0 ? prefixed : raw).add(recipient);
      }
      prefixed.addAll(raw);
      HpkeContextRecipient.getInstance(SUITE, conscrypt); // the native code is there
      return new ConscryptHpkeDecrypt(conscrypt, List.copyOf(prefixed));
    } catch (GeneralSecurityException | RuntimeException | LinkageError noConscryptHere) {
      return null;
    }
  }

  private static boolean ofTheSuite(HpkeParameters p) {
    return p.getKemId() == HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256 && p.getKdfId() == HpkeParameters.KdfId.HKDF_SHA256
        && p.getAeadId() == HpkeParameters.AeadId.AES_256_GCM;
  }

  private static PrivateKey privateKey(Provider conscrypt, HpkePrivateKey key) throws GeneralSecurityException {
    byte[] raw = key.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    byte[] pkcs8 = new byte[X25519_PKCS8_PREFIX.length + raw.length];
    try {
      System.arraycopy(X25519_PKCS8_PREFIX, 0, pkcs8, 0, X25519_PKCS8_PREFIX.length);
      System.arraycopy(raw, 0, pkcs8, X25519_PKCS8_PREFIX.length, raw.length);
      return KeyFactory.getInstance("XDH", conscrypt).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] contextInfo) throws GeneralSecurityException {
    for (Recipient r : recipients) {
      int from = r.prefix().length;
      if (ciphertext.length < from + ENCAPSULATED_BYTES || !Arrays.equals(ciphertext, 0, from, r.prefix(), 0, from)) {
        continue;
      }
      try {
        HpkeContextRecipient recipient = HpkeContextRecipient.getInstance(SUITE, conscrypt);
        recipient.init(Arrays.copyOfRange(ciphertext, from, from + ENCAPSULATED_BYTES), r.key(), contextInfo);
        return recipient.open(Arrays.copyOfRange(ciphertext, from + ENCAPSULATED_BYTES, ciphertext.length), null);
      } catch (GeneralSecurityException | RuntimeException notThisKey) {
        // The next key, as Tink's keyset decryption does.
      }
    }
    throw new GeneralSecurityException("decryption failed");
  }

  @Override
  public String toString() {
    return "ConscryptHpkeDecrypt[" + SUITE + "]";
  }
}
