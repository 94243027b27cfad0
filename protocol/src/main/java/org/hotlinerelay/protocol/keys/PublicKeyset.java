// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * The hotline's public keyset, as a relay holds it. Parsing refuses — with {@link
 * KeysetRefusedException} — any keyset that contains private or secret key material, and any key
 * not of the {@link HpkeSuite}. This is how the relay "never holds a private key and refuses to
 * start with one" (threat-model.md; {@code PublicKeysetTest}).
 */
public final class PublicKeyset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeysetHandle handle;
  private final String fingerprint;

  private PublicKeyset(KeysetHandle handle, String fingerprint) {
    this.handle = handle;
    this.fingerprint = fingerprint;
  }

  /** Parses Tink JSON holding public HPKE keys only. */
  public static PublicKeyset parse(String tinkJson) throws GeneralSecurityException {
    refuseSecretMaterial(tinkJson);
    HybridConfig.register();
    KeysetHandle handle;
    try {
      handle = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(tinkJson);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeysetRefusedException("not a Tink public keyset");
    }
    for (int i = 0; i < handle.size(); i++) {
      if (!(handle.getAt(i).getKey() instanceof HpkePublicKey key)
          || !key.getParameters().equals(HpkeSuite.parameters())) {
        throw new KeysetRefusedException("keyset holds a key that is not HPKE X25519/HKDF-SHA256/AES-256-GCM");
      }
    }
    return of(handle);
  }

  /** The public half of a private keyset (at the hotline, after generation or rotation). */
  public static PublicKeyset ofPrivate(KeysetHandle privateKeyset) throws GeneralSecurityException {
    return of(privateKeyset.getPublicKeysetHandle());
  }

  private static PublicKeyset of(KeysetHandle publicHandle) throws GeneralSecurityException {
    byte[] canonical = TinkProtoKeysetFormat.serializeKeysetWithoutSecret(publicHandle);
    return new PublicKeyset(publicHandle, Fingerprint.of(canonical));
  }

  private static void refuseSecretMaterial(String tinkJson) throws KeysetRefusedException {
    JsonNode tree;
    try {
      tree = JSON.readTree(tinkJson);
    } catch (IOException e) {
      throw new KeysetRefusedException("keyset file is not JSON");
    }
    JsonNode keys = tree == null ? null : tree.get("key");
    if (keys == null || !keys.isArray() || keys.isEmpty()) {
      // Tink's encrypted keyset, or the hotline's private key file (a key derivation and an encrypted keyset).
      if (tree != null && (tree.has("encryptedKeyset") || (tree.has("kdf") && tree.has("keyset")))) {
        throw new KeysetRefusedException("keyset contains private key material (an encrypted private keyset); a relay holds only the hotline's public keyset");
      }
      throw new KeysetRefusedException("not a Tink public keyset");
    }
    for (JsonNode key : keys) {
      String type = key.path("keyData").path("keyMaterialType").asText("");
      if (!type.equals("ASYMMETRIC_PUBLIC")) {
        throw new KeysetRefusedException("keyset contains private key material; a relay holds only the hotline's public keyset");
      }
    }
  }

  /** Tink JSON of this public keyset. */
  public String toJson() throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(handle);
  }

  public KeysetHandle handle() {
    return handle;
  }

  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "PublicKeyset[" + fingerprint + "]";
  }
}
