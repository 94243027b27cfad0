// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.seal.internal;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.conscrypt.Conscrypt;
import org.conscrypt.HpkeContextSender;

/**
 * Tink's {@link HybridEncrypt} for an HPKE X25519 / HKDF-SHA256 / AES-256-GCM public key, computed
 * by Conscrypt (BoringSSL's {@code EVP_HPKE}, RFC 9180 base mode) in one native call, and written
 * as Tink writes it: the key's output prefix, the encapsulated key, the ciphertext. Tink's
 * {@code HybridDecrypt} opens it ({@code ConscryptHpkeEncryptTest}).
 *
 * <p>Conscrypt's provider is an object this class holds and passes by hand; it is never installed,
 * so no other code in the JVM sees it or gets a different provider for anything.
 */
public final class ConscryptHpkeEncrypt implements HybridEncrypt {
  private static final String SUITE = "DHKEM_X25519_HKDF_SHA256/HKDF_SHA256/AES_256_GCM";
  /** The DER head of an X.509 SubjectPublicKeyInfo holding a raw X25519 key (RFC 8410). */
  private static final byte[] X25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

  private final Provider conscrypt;
  private final PublicKey recipient;
  private final byte[] outputPrefix;

  private ConscryptHpkeEncrypt(Provider conscrypt, PublicKey recipient, byte[] outputPrefix) {
    this.conscrypt = conscrypt;
    this.recipient = recipient;
    this.outputPrefix = outputPrefix;
  }

  /**
   * For {@code key}, or null when the key is not of that suite or Conscrypt's native library does
   * not load on this platform (the caller then uses Tink's own HPKE, which writes the same format).
   */
  public static HybridEncrypt forKey(HpkePublicKey key) {
    HpkeParameters p = key.getParameters();
    if (p.getKemId() != HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256 || p.getKdfId() != HpkeParameters.KdfId.HKDF_SHA256
        || p.getAeadId() != HpkeParameters.AeadId.AES_256_GCM) {
      return null;
    }
    try {
      Provider conscrypt = Conscrypt.newProvider();
      byte[] raw = key.getPublicKeyBytes().toByteArray();
      byte[] spki = new byte[X25519_SPKI_PREFIX.length + raw.length];
      System.arraycopy(X25519_SPKI_PREFIX, 0, spki, 0, X25519_SPKI_PREFIX.length);
      System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, raw.length);
      PublicKey recipient = KeyFactory.getInstance("XDH", conscrypt).generatePublic(new X509EncodedKeySpec(spki));
      ConscryptHpkeEncrypt encrypt = new ConscryptHpkeEncrypt(conscrypt, recipient, key.getOutputPrefix().toByteArray());
      encrypt.encrypt(new byte[1], new byte[0]); // the native code is there and takes the key
      return encrypt;
    } catch (GeneralSecurityException | RuntimeException | LinkageError noConscryptHere) {
      return null;
    }
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] contextInfo) throws GeneralSecurityException {
    HpkeContextSender sender = HpkeContextSender.getInstance(SUITE, conscrypt);
    sender.init(recipient, contextInfo);
    byte[] ciphertext = sender.seal(plaintext, null);
    byte[] encapsulated = sender.getEncapsulated();
    byte[] out = new byte[outputPrefix.length + encapsulated.length + ciphertext.length];
    System.arraycopy(outputPrefix, 0, out, 0, outputPrefix.length);
    System.arraycopy(encapsulated, 0, out, outputPrefix.length, encapsulated.length);
    System.arraycopy(ciphertext, 0, out, outputPrefix.length + encapsulated.length, ciphertext.length);
    return out;
  }

  @Override
  public String toString() {
    return "ConscryptHpkeEncrypt[" + SUITE + "]";
  }
}
