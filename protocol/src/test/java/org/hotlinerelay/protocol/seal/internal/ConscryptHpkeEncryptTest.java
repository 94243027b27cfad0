// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.seal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.testing.JvmProviders;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

/** Conscrypt's HPKE against an independent implementation, Tink's, in both directions. */
class ConscryptHpkeEncryptTest {
  /** A fixed TEST-ONLY X25519 key pair (RFC 7748, section 6.1, Bob's) under the key id 0x01020304. */
  private static final byte[] PRIVATE = HexFormat.of().parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  private static final byte[] PUBLIC = HexFormat.of().parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  private static final int KEY_ID = 0x01020304;

  private static HpkePrivateKey pinnedKey() throws GeneralSecurityException {
    HpkePublicKey pub = HpkePublicKey.create(HpkeSuite.parameters(), Bytes.copyFrom(PUBLIC), KEY_ID);
    return HpkePrivateKey.create(pub, SecretBytes.copyFrom(PRIVATE, InsecureSecretKeyAccess.get()));
  }

  private static HybridDecrypt tinkDecrypt(HpkePrivateKey key) throws GeneralSecurityException {
    HybridConfig.register();
    return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).makePrimary()).build()
        .getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
  }

  @Test
  void forKey_loadsOnThisPlatform() throws Exception {
    // Linux x86-64, where the tests and the load benchmark run: Conscrypt's native library loads.
    assertNotNull(ConscryptHpkeEncrypt.forKey(pinnedKey().getPublicKey()));
  }

  @Test
  void encrypt_writesTinksLayout_prefixEncapsulatedKeyCiphertext() throws Exception {
    HybridEncrypt encrypt = ConscryptHpkeEncrypt.forKey(pinnedKey().getPublicKey());
    byte[] a = encrypt.encrypt("golden".getBytes(java.nio.charset.StandardCharsets.US_ASCII), HpkeSuite.CONTEXT);
    byte[] b = encrypt.encrypt("golden".getBytes(java.nio.charset.StandardCharsets.US_ASCII), HpkeSuite.CONTEXT);
    assertArrayEquals(new byte[] {1, 1, 2, 3, 4}, Arrays.copyOf(a, 5), "Tink's prefix: version 1, then the key id");
    assertEquals(5 + 32 + 6 + 16, a.length, "prefix, encapsulated X25519 key, ciphertext, GCM tag");
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5, 37), Arrays.copyOfRange(b, 5, 37)), "a fresh ephemeral key each time");
    assertEquals("golden", new String(tinkDecrypt(pinnedKey()).decrypt(a, HpkeSuite.CONTEXT), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void encrypt_opensWithTinksHybridDecrypt_everyReportSize() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    HpkePublicKey key = (HpkePublicKey) TestKeys.publicOf(hotline).handle().getPrimary().getKey();
    HybridEncrypt encrypt = ConscryptHpkeEncrypt.forKey(key);
    HybridDecrypt decrypt = hotline.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    for (var report : List.of(TestReports.minimal(), TestReports.typical(), TestReports.maximal())) {
      byte[] padded = ReportCodec.encode(report);
      byte[] sealed = encrypt.encrypt(padded, HpkeSuite.CONTEXT);
      assertEquals(HpkeSuite.SEALED_BYTES, sealed.length);
      assertArrayEquals(padded, decrypt.decrypt(sealed, HpkeSuite.CONTEXT));
      assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(sealed, "another context".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      byte[] flipped = sealed.clone();
      flipped[flipped.length / 2] ^= 1;
      assertThrows(GeneralSecurityException.class, () -> decrypt.decrypt(flipped, HpkeSuite.CONTEXT));
    }
  }

  @Test
  void tinksSeal_opensWithConscryptsRecipient() throws Exception {
    HpkePrivateKey key = pinnedKey();
    HybridEncrypt tink = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key.getPublicKey()).makePrimary()).build()
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    byte[] sealed = tink.encrypt("from tink".getBytes(java.nio.charset.StandardCharsets.US_ASCII), HpkeSuite.CONTEXT);
    java.security.Provider conscrypt = org.conscrypt.Conscrypt.newProvider();
    byte[] pkcs8 = new byte[48];
    System.arraycopy(HexFormat.of().parseHex("302e020100300506032b656e04220420"), 0, pkcs8, 0, 16);
    System.arraycopy(PRIVATE, 0, pkcs8, 16, 32);
    java.security.PrivateKey priv = java.security.KeyFactory.getInstance("XDH", conscrypt)
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
    org.conscrypt.HpkeContextRecipient recipient = org.conscrypt.HpkeContextRecipient.getInstance(
        "DHKEM_X25519_HKDF_SHA256/HKDF_SHA256/AES_256_GCM", conscrypt);
    recipient.init(Arrays.copyOfRange(sealed, 5, 37), priv, HpkeSuite.CONTEXT);
    assertEquals("from tink", new String(recipient.open(Arrays.copyOfRange(sealed, 37, sealed.length), null), java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void forKey_refusesAnotherSuite() throws Exception {
    HpkeParameters chacha = HpkeParameters.builder().setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
        .setKdfId(HpkeParameters.KdfId.HKDF_SHA256).setAeadId(HpkeParameters.AeadId.CHACHA20_POLY1305)
        .setVariant(HpkeParameters.Variant.NO_PREFIX).build();
    assertNull(ConscryptHpkeEncrypt.forKey(HpkePublicKey.create(chacha, Bytes.copyFrom(PUBLIC), null)));
  }

  @Test
  void using_leavesTheJvmsProvidersAsTheyWere() throws Exception {
    List<String> before = JvmProviders.snapshot();
    ConscryptHpkeEncrypt.forKey(pinnedKey().getPublicKey()).encrypt(new byte[100], HpkeSuite.CONTEXT);
    assertEquals(before, JvmProviders.snapshot());
    assertEquals(JvmProviders.configuredNames(), JvmProviders.installedNames());
  }
}
