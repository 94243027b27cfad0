// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.open.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.testing.JvmProviders;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

/** Conscrypt's HPKE opening against an independent implementation, Tink's: it opens what Tink seals, refuses what Tink refuses. */
class ConscryptHpkeDecryptTest {
  private static HybridEncrypt tinkEncrypt(KeysetHandle privateKeyset) throws GeneralSecurityException {
    return privateKeyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
  }

  @Test
  void decrypt_opensTinksSeal_everyReportSize_andRefusesChangesAndAnotherContext() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    HybridDecrypt decrypt = ConscryptHpkeDecrypt.forKeyset(hotline);
    assertNotNull(decrypt, "Linux x86-64, where the tests run: Conscrypt's native library loads");
    HybridDecrypt tink = hotline.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    for (var report : List.of(TestReports.minimal(), TestReports.typical(), TestReports.maximal())) {
      byte[] padded = ReportCodec.encode(report);
      byte[] sealed = tinkEncrypt(hotline).encrypt(padded, HpkeSuite.CONTEXT);
      assertArrayEquals(padded, decrypt.decrypt(sealed, HpkeSuite.CONTEXT));
      assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(sealed, "another context".getBytes(StandardCharsets.US_ASCII)));
      for (int at : new int[] {0, 4, 5, 36, 37, sealed.length / 2, sealed.length - 1}) {
        byte[] changed = sealed.clone();
        changed[at] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(changed, HpkeSuite.CONTEXT), "byte " + at);
        assertThrows(GeneralSecurityException.class, () -> tink.decrypt(changed, HpkeSuite.CONTEXT), "Tink too, byte " + at);
      }
    }
    assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(new byte[10], HpkeSuite.CONTEXT));
  }

  @Test
  void decrypt_opensWithEveryKeyOfARotatedKeyset_andNotWithAnotherKeyset() throws Exception {
    HybridConfig.register();
    KeysetHandle old = TestKeys.hotlinePrivate();
    KeysetHandle rotated = KeysetHandle.newBuilder(old)
        .addEntry(KeysetHandle.generateEntryFromParameters(HpkeSuite.parameters()).withRandomId().makePrimary())
        .addEntry(KeysetHandle.generateEntryFromParameters(HpkeParameters.builder()
            .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256).setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
            .setAeadId(HpkeParameters.AeadId.AES_256_GCM).setVariant(HpkeParameters.Variant.NO_PREFIX).build()).withRandomId())
        .build();
    HybridDecrypt decrypt = ConscryptHpkeDecrypt.forKeyset(rotated);
    byte[] message = "sealed before and after".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < rotated.size(); i++) {
      KeysetHandle one = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(rotated.getAt(i).getKey())
          .withFixedId(rotated.getAt(i).getId()).makePrimary()).build();
      assertArrayEquals(message, decrypt.decrypt(tinkEncrypt(one).encrypt(message, HpkeSuite.CONTEXT), HpkeSuite.CONTEXT), "key " + i);
    }
    byte[] other = tinkEncrypt(TestKeys.hotlinePrivate()).encrypt(message, HpkeSuite.CONTEXT);
    assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(other, HpkeSuite.CONTEXT));
  }

  @Test
  void forKeyset_refusesAnotherSuite() throws Exception {
    HybridConfig.register();
    HpkeParameters chacha = HpkeParameters.builder().setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
        .setKdfId(HpkeParameters.KdfId.HKDF_SHA256).setAeadId(HpkeParameters.AeadId.CHACHA20_POLY1305)
        .setVariant(HpkeParameters.Variant.TINK).build();
    assertNull(ConscryptHpkeDecrypt.forKeyset(KeysetHandle.generateNew(chacha)));
  }

  @Test
  void using_leavesTheJvmsProvidersAsTheyWere() throws Exception {
    List<String> before = JvmProviders.snapshot();
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    ConscryptHpkeDecrypt.forKeyset(hotline).decrypt(tinkEncrypt(hotline).encrypt(new byte[100], HpkeSuite.CONTEXT), HpkeSuite.CONTEXT);
    assertEquals(before, JvmProviders.snapshot());
    assertEquals(JvmProviders.configuredNames(), JvmProviders.installedNames());
  }
}
