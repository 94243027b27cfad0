package org.hotlinerelay.protocol.seal;

import com.google.crypto.tink.Key;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.X509EncodedKeySpec;
import org.conscrypt.HpkeContextSender;

/**
 * Sealing with Conscrypt's own HPKE (BoringSSL's {@code EVP_HPKE}, RFC 9180 base mode) for a key
 * of {@link HpkeSuite}, writing exactly what Tink's {@code HybridEncrypt} writes for it: the
 * key's Tink output prefix, the encapsulated key, then the single-shot ciphertext (empty
 * associated data). Tink's {@code HybridDecrypt} opens it
 * ({@code SealerTest#seal_withConscryptsHpke_opensWithTinksHpke}).
 *
 * <p>Why not Tink's HPKE on Conscrypt: it computes three X25519 scalar multiplications per seal
 * where two are needed (turning the ephemeral private key back into a JCA key makes BoringSSL
 * derive its public key again) and crosses into native code five times; this is one native call.
 * 64 against 52 µs for a 16 KiB report on this machine, a twentieth of a loaded relay's CPU.
 * Tink stays what opens reports, and what seals when Conscrypt is not there.
 */
final class ConscryptHpke {
  /** Conscrypt's name for {@link HpkeSuite}'s KEM, KDF and AEAD. */
  static final String SUITE = "DHKEM_X25519_HKDF_SHA256/HKDF_SHA256/AES_256_GCM";
  /** The DER head of an X.509 SubjectPublicKeyInfo holding a raw X25519 key (RFC 8410). */
  private static final byte[] X25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00
  };

  private final Provider conscrypt;
  private final PublicKey recipient;
  private final byte[] outputPrefix;

  private ConscryptHpke(Provider conscrypt, PublicKey recipient, byte[] outputPrefix) {
    this.conscrypt = conscrypt;
    this.recipient = recipient;
    this.outputPrefix = outputPrefix;
  }

  /**
   * For {@code key}, or null when Conscrypt is not installed, has no HPKE, or the key is not an
   * HPKE public key of {@link HpkeSuite} (Tink seals then).
   */
  static ConscryptHpke forKey(Key key) {
    Provider conscrypt = Security.getProvider("Conscrypt");
    if (conscrypt == null || !(key instanceof HpkePublicKey hpke)
        || !hpke.getParameters().equals(HpkeSuite.parameters())) {
      return null;
    }
    try {
      byte[] raw = hpke.getPublicKeyBytes().toByteArray();
      byte[] spki = new byte[X25519_SPKI_PREFIX.length + raw.length];
      System.arraycopy(X25519_SPKI_PREFIX, 0, spki, 0, X25519_SPKI_PREFIX.length);
      System.arraycopy(raw, 0, spki, X25519_SPKI_PREFIX.length, raw.length);
      PublicKey recipient = KeyFactory.getInstance("XDH", conscrypt).generatePublic(new X509EncodedKeySpec(spki));
      ConscryptHpke seal = new ConscryptHpke(conscrypt, recipient, hpke.getOutputPrefix().toByteArray());
      seal.seal(new byte[1], HpkeSuite.CONTEXT); // this Conscrypt has HPKE, and it works with the key
      return seal;
    } catch (GeneralSecurityException | RuntimeException | LinkageError noHpkeHere) {
      return null;
    }
  }

  /** Seals {@code plaintext} with {@code info} as HPKE's context information. */
  byte[] seal(byte[] plaintext, byte[] info) throws GeneralSecurityException {
    HpkeContextSender sender = HpkeContextSender.getInstance(SUITE, conscrypt);
    sender.init(recipient, info);
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
    return "ConscryptHpke[" + SUITE + "]";
  }
}
