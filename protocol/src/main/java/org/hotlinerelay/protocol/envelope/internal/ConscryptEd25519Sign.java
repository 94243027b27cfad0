// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import org.conscrypt.Conscrypt;

/**
 * Tink's {@link PublicKeySign} for an Ed25519 key, computed by Conscrypt (BoringSSL) and written as
 * Tink writes it: the key's output prefix, then the 64-byte RFC 8032 signature. Ed25519 is
 * deterministic, so for the same key and message the signature is the one Tink's own signer makes,
 * and Tink's verifier accepts it ({@code ConscryptEd25519SignTest}).
 *
 * <p>Conscrypt's provider is an object this class holds and passes by hand; it is never installed,
 * so no other code in the JVM sees it or gets a different provider for anything.
 */
public final class ConscryptEd25519Sign implements PublicKeySign {
  /** The DER head of a PKCS#8 PrivateKeyInfo holding a raw Ed25519 seed (RFC 8410). */
  private static final byte[] ED25519_PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  private final Provider conscrypt;
  private final PrivateKey key;
  private final byte[] outputPrefix;

  private ConscryptEd25519Sign(Provider conscrypt, PrivateKey key, byte[] outputPrefix) {
    this.conscrypt = conscrypt;
    this.key = key;
    this.outputPrefix = outputPrefix;
  }

  /**
   * For {@code key}, or null when it is a LEGACY-variant key (Tink signs a changed message for
   * those) or Conscrypt's native library does not load on this platform (the caller then uses
   * Tink's own signer, which makes the same signatures).
   */
  public static PublicKeySign forKey(Ed25519PrivateKey key) {
    if (key.getParameters().getVariant() == Ed25519Parameters.Variant.LEGACY) {
      return null;
    }
    byte[] pkcs8 = new byte[ED25519_PKCS8_PREFIX.length + 32];
    try {
      Provider conscrypt = Conscrypt.newProvider();
      byte[] seed = key.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
      System.arraycopy(ED25519_PKCS8_PREFIX, 0, pkcs8, 0, ED25519_PKCS8_PREFIX.length);
      System.arraycopy(seed, 0, pkcs8, ED25519_PKCS8_PREFIX.length, seed.length);
      java.util.Arrays.fill(seed, (byte) 0);
      PrivateKey privateKey = KeyFactory.getInstance("Ed25519", conscrypt).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      ConscryptEd25519Sign sign = new ConscryptEd25519Sign(conscrypt, privateKey, key.getOutputPrefix().toByteArray());
      sign.sign(new byte[1]); // the native code is there and takes the key
      return sign;
    } catch (GeneralSecurityException | RuntimeException | LinkageError noConscryptHere) {
      return null;
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  @Override
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("Ed25519", conscrypt);
    signature.initSign(key);
    signature.update(data);
    byte[] raw = signature.sign();
    byte[] out = new byte[outputPrefix.length + raw.length];
    System.arraycopy(outputPrefix, 0, out, 0, outputPrefix.length);
    System.arraycopy(raw, 0, out, outputPrefix.length, raw.length);
    return out;
  }

  @Override
  public String toString() {
    return "ConscryptEd25519Sign";
  }
}
