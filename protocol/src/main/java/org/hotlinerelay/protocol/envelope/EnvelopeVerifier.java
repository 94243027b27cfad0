// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.hotlinerelay.protocol.BadSignatureException;
import org.hotlinerelay.protocol.UnknownRelayException;

/**
 * Checks envelopes against the relays the hotline knows. Unknown relay → {@link
 * UnknownRelayException}; any changed byte or a signature by another key → {@link
 * BadSignatureException}. Needs no private key. Thread-safe.
 */
public final class EnvelopeVerifier {
  private final Map<String, PublicKeyVerify> relays;

  private EnvelopeVerifier(Map<String, PublicKeyVerify> relays) {
    this.relays = Map.copyOf(relays);
  }

  public static EnvelopeVerifier create(Iterable<RelayPublicKey> knownRelays) throws GeneralSecurityException {
    SignatureConfig.register();
    Map<String, PublicKeyVerify> relays = new HashMap<>();
    for (RelayPublicKey relay : knownRelays) {
      relays.put(relay.relayId(), relay.keyset().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class));
    }
    return new EnvelopeVerifier(relays);
  }

  public void verify(Envelope envelope) throws UnknownRelayException, BadSignatureException {
    PublicKeyVerify verify = relays.get(envelope.relayId());
    if (verify == null) {
      throw new UnknownRelayException();
    }
    try {
      verify.verify(envelope.signature(), envelope.signedBytes());
    } catch (GeneralSecurityException e) {
      throw new BadSignatureException();
    }
  }

  /** How many relays are known. */
  public int size() {
    return relays.size();
  }
}
