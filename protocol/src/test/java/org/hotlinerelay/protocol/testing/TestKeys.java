// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.testing;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/** Fresh, in-memory keys for tests. TEST-ONLY: never use for real reports. */
public final class TestKeys {
  private TestKeys() {}

  /** The fixed TEST-ONLY hotline private keyset of the golden files (testdata/). */
  public static KeysetHandle goldenHotlinePrivate() {
    try {
      HybridConfig.register();
      return com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(
          testdata("hotline-private.TEST-ONLY.json"), com.google.crypto.tink.InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file under testdata/ in protocol's test resources, as text. */
  public static String testdata(String name) {
    try (java.io.InputStream in = TestKeys.class.getClassLoader().getResourceAsStream("testdata/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no testdata/" + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A new hotline private keyset (HPKE suite of the protocol). */
  public static KeysetHandle hotlinePrivate() {
    try {
      HybridConfig.register();
      return KeysetHandle.generateNew(HpkeSuite.parameters());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PublicKeyset publicOf(KeysetHandle hotlinePrivate) {
    try {
      return PublicKeyset.ofPrivate(hotlinePrivate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new relay signing keyset (Ed25519). */
  public static KeysetHandle relaySigning() {
    try {
      return RelaySigningKey.generate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RelayPublicKey relayPublic(String relayId, KeysetHandle relaySigning) {
    try {
      return new RelayPublicKey(relayId, relaySigning.getPublicKeysetHandle());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
