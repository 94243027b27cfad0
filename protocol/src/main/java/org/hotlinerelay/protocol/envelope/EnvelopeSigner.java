// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.envelope.internal.ConscryptEd25519Sign;
import org.hotlinerelay.protocol.report.Ids;

/**
 * Wraps sealed reports in envelopes signed with the relay's Ed25519 key. The signature tells the
 * hotline which relay sent an envelope and that nothing in it changed on the way; it says nothing
 * about the reporter. It signs through a Tink {@link PublicKeySign}: Conscrypt's Ed25519
 * ({@link ConscryptEd25519Sign}, the same signatures) where Conscrypt's native library loads,
 * Tink's own elsewhere; neither changes the JVM's providers. Thread-safe.
 */
public final class EnvelopeSigner {
  private final String relayId;
  private final PublicKeySign sign;

  private EnvelopeSigner(String relayId, PublicKeySign sign) {
    this.relayId = relayId;
    this.sign = sign;
  }

  public static EnvelopeSigner create(String relayId, KeysetHandle signingKeyset) throws GeneralSecurityException {
    if (relayId == null || !Envelope.RELAY_ID.matcher(relayId).matches()) {
      throw new IllegalArgumentException("relay id must be 1-64 of [a-z0-9-]");
    }
    SignatureConfig.register();
    PublicKeySign sign = signingKeyset.getPrimary().getKey() instanceof Ed25519PrivateKey key
        ? ConscryptEd25519Sign.forKey(key) : null;
    if (sign == null) {
      sign = signingKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    }
    return new EnvelopeSigner(relayId, sign);
  }

  /** A new report envelope with a fresh random id. */
  public Envelope wrap(byte[] sealed) throws GeneralSecurityException {
    return wrap(sealed, false);
  }

  /**
   * A new cover envelope with a fresh random id: {@code sealed} must be a real HPKE ciphertext of
   * the one sealed size under the hotline's key (a sealed cover report), so that only the signed
   * flag tells it from a report.
   */
  public Envelope wrapCover(byte[] sealed) throws GeneralSecurityException {
    return wrap(sealed, true);
  }

  private Envelope wrap(byte[] sealed, boolean cover) throws GeneralSecurityException {
    String id = Ids.random();
    byte[] signature = sign.sign(Envelope.signedBytes(id, relayId, cover, sealed));
    return new Envelope(Envelope.VERSION, id, relayId, cover, sealed, signature);
  }

  public String relayId() {
    return relayId;
  }

  @Override
  public String toString() {
    return "EnvelopeSigner[" + relayId + "]";
  }
}
