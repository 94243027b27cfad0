// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;

class PublicKeysetTest {
  private final KeysetHandle hotline = TestKeys.hotlinePrivate();

  @Test
  void parse_refusesAPrivateKeyset() throws Exception {
    String privateJson = TinkJsonProtoKeysetFormat.serializeKeyset(hotline, InsecureSecretKeyAccess.get());
    KeysetRefusedException e = assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse(privateJson));
    assertTrue(e.getMessage().contains("private key material"), e.getMessage());
  }

  @Test
  void parse_refusesAnEncryptedPrivateKeyFile() {
    String encrypted = "{\"encryptedKeyset\":\"AAAA\",\"keysetInfo\":{}}";
    KeysetRefusedException e = assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse(encrypted));
    assertTrue(e.getMessage().contains("private key material"), e.getMessage());
  }

  @Test
  void parse_refusesAnotherSuite() throws Exception {
    HybridConfig.register();
    KeysetHandle p256 = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_P256_HKDF_SHA256_AES_128_GCM);
    String json = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(p256.getPublicKeysetHandle());
    assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse(json));
  }

  @Test
  void parse_refusesGarbage() {
    assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse("not json"));
    assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse("{}"));
  }

  @Test
  void fingerprint_isStableAcrossSerialisation_andChangesWithTheKey() throws Exception {
    PublicKeyset original = PublicKeyset.ofPrivate(hotline);
    PublicKeyset reparsed = PublicKeyset.parse(original.toJson());
    assertEquals(original.fingerprint(), reparsed.fingerprint());
    assertTrue(original.fingerprint().matches("([0-9a-f]{4}-){7}[0-9a-f]{4}"), original.fingerprint());
    assertNotEquals(original.fingerprint(), PublicKeyset.ofPrivate(TestKeys.hotlinePrivate()).fingerprint());
  }

  @Test
  void fingerprintMatches_ignoresCaseAndSeparators() throws Exception {
    String fp = PublicKeyset.ofPrivate(hotline).fingerprint();
    assertTrue(Fingerprint.matches(fp, fp.toUpperCase().replace('-', ' ')));
    assertTrue(!Fingerprint.matches(fp, fp.substring(0, 20)));
  }
}
