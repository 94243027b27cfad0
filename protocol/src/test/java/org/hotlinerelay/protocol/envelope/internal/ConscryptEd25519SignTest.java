// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.testing.JvmProviders;
import org.junit.jupiter.api.Test;

/** Conscrypt's Ed25519 against an independent implementation, Tink's: the same signatures, and Tink's verifier accepts them. */
class ConscryptEd25519SignTest {
  /** RFC 8032, section 7.1, TEST 1: a fixed TEST-ONLY key, under the key id 0x01020304. */
  private static final byte[] SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] PUBLIC = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
      + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  private static Ed25519PrivateKey pinnedKey(Ed25519Parameters.Variant variant) throws GeneralSecurityException {
    Ed25519PublicKey pub = Ed25519PublicKey.create(variant, Bytes.copyFrom(PUBLIC),
        variant == Ed25519Parameters.Variant.NO_PREFIX ? null : 0x01020304);
    return Ed25519PrivateKey.create(pub, SecretBytes.copyFrom(SEED, InsecureSecretKeyAccess.get()));
  }

  private static KeysetHandle keyset(Ed25519PrivateKey key) throws GeneralSecurityException {
    SignatureConfig.register();
    KeysetHandle.Builder.Entry entry = KeysetHandle.importKey(key);
    if (key.getIdRequirementOrNull() == null) {
      entry.withRandomId();
    }
    return KeysetHandle.newBuilder().addEntry(entry.makePrimary()).build();
  }

  @Test
  void forKey_loadsOnThisPlatform_andSignsTheRfc8032Vector() throws Exception {
    // Linux x86-64, where the tests and the load benchmark run: Conscrypt's native library loads.
    PublicKeySign sign = ConscryptEd25519Sign.forKey(pinnedKey(Ed25519Parameters.Variant.NO_PREFIX));
    assertNotNull(sign);
    assertEquals(RFC_SIGNATURE, HexFormat.of().formatHex(sign.sign(new byte[0])));
  }

  @Test
  void sign_equalsTinksSignature_andTinksVerifierAcceptsIt() throws Exception {
    for (Ed25519Parameters.Variant variant : List.of(Ed25519Parameters.Variant.TINK, Ed25519Parameters.Variant.NO_PREFIX)) {
      KeysetHandle keyset = keyset(pinnedKey(variant));
      PublicKeySign tink = keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
      PublicKeyVerify verify = keyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
      PublicKeySign conscrypt = ConscryptEd25519Sign.forKey(pinnedKey(variant));
      for (int size : new int[] {0, 1, 97, 16_600}) {
        byte[] message = new byte[size];
        Arrays.fill(message, (byte) size);
        byte[] signature = conscrypt.sign(message);
        assertArrayEquals(tink.sign(message), signature, variant + ", " + size + " bytes");
        verify.verify(signature, message);
        byte[] changed = message.length == 0 ? new byte[1] : message.clone();
        changed[0] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> verify.verify(signature, changed));
      }
    }
  }

  @Test
  void sign_withAGeneratedRelayKey_verifiesWithTink() throws Exception {
    KeysetHandle keyset = RelaySigningKey.generate();
    PublicKeySign sign = ConscryptEd25519Sign.forKey((Ed25519PrivateKey) keyset.getPrimary().getKey());
    byte[] message = "an envelope's signed bytes".getBytes(StandardCharsets.US_ASCII);
    keyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class).verify(sign.sign(message), message);
  }

  @Test
  void forKey_refusesLegacyKeys() throws Exception {
    assertNull(ConscryptEd25519Sign.forKey(pinnedKey(Ed25519Parameters.Variant.LEGACY)));
  }

  @Test
  void using_leavesTheJvmsProvidersAsTheyWere() throws Exception {
    List<String> before = JvmProviders.snapshot();
    ConscryptEd25519Sign.forKey(pinnedKey(Ed25519Parameters.Variant.TINK)).sign(new byte[100]);
    assertEquals(before, JvmProviders.snapshot());
    assertEquals(JvmProviders.configuredNames(), JvmProviders.installedNames());
  }
}
