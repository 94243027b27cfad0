// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;

/**
 * A relay's Ed25519 signing keyset. It stays on the relay (plain Tink JSON, mode 0600): the relay
 * runs unattended, and what the key allows — signing envelopes as this relay — opens no report.
 * Whoever takes the relay host can send envelopes in its name until the hotline removes its public
 * key (threat-model.md).
 */
public final class RelaySigningKey {
  private RelaySigningKey() {}

  public static KeysetHandle generate() throws GeneralSecurityException {
    SignatureConfig.register();
    return KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
  }

  public static String toJson(KeysetHandle signingKeyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(signingKeyset, InsecureSecretKeyAccess.get());
  }

  /** Parses a signing keyset; refuses anything but Ed25519 private keys. */
  public static KeysetHandle parse(String json) throws GeneralSecurityException {
    SignatureConfig.register();
    KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    for (int i = 0; i < handle.size(); i++) {
      if (!(handle.getAt(i).getKey() instanceof Ed25519PrivateKey)) {
        throw new GeneralSecurityException("relay signing keyset must hold Ed25519 private keys only");
      }
    }
    return handle;
  }
}
