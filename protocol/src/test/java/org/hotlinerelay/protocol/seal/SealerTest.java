// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.JvmProviders;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestOpener;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class SealerTest {
  private final KeysetHandle hotline = TestKeys.hotlinePrivate();

  @Test
  void seal_thenOpen_returnsTheSameReport() throws Exception {
    Report report = TestReports.typical();
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(report);
    assertEquals(report, TestOpener.open(hotline, sealed));
  }

  @Test
  void seal_minimalAndMaximal_haveTheSameSize() throws Exception {
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    byte[] small = sealer.seal(TestReports.minimal());
    byte[] large = sealer.seal(TestReports.maximal());
    assertEquals(HpkeSuite.SEALED_BYTES, small.length);
    assertEquals(small.length, large.length);
    assertEquals(TestReports.maximal().details(), TestOpener.open(hotline, large).details());
  }

  @Test
  void seal_clearsThePlaintextBuffer_andALongReportLeavesNothingInTheNext() throws Exception {
    PublicKeyset keyset = TestKeys.publicOf(hotline);
    HybridEncrypt tink = keyset.handle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    List<byte[]> given = new ArrayList<>();
    Sealer sealer = new Sealer((plaintext, context) -> {
      given.add(plaintext);
      return tink.encrypt(plaintext, context);
    }, keyset.fingerprint());
    Report maximal = TestReports.maximal();
    Report minimal = TestReports.minimal();
    byte[] large = sealer.seal(maximal);
    byte[] buffer = given.get(0);
    assertEquals(Limits.PADDED_PLAINTEXT_BYTES, buffer.length);
    assertArrayEquals(new byte[buffer.length], buffer, "the long report is cleared once sealed");
    byte[] small = sealer.seal(minimal);
    assertTrue(given.get(1) == buffer, "the thread's one buffer is reused");
    assertArrayEquals(new byte[buffer.length], buffer);
    // Opening checks that the padding is all zeros: the long report's tail would show here.
    assertEquals(minimal, TestOpener.open(hotline, small));
    assertEquals(maximal, TestOpener.open(hotline, large));
  }

  @Test
  void seal_clearsThePlaintextBuffer_whenSealingFails() throws Exception {
    List<byte[]> given = new ArrayList<>();
    Sealer sealer = new Sealer((plaintext, context) -> {
      given.add(plaintext);
      throw new GeneralSecurityException("refused");
    }, "test");
    assertThrows(GeneralSecurityException.class, () -> sealer.seal(TestReports.maximal()));
    assertArrayEquals(new byte[Limits.PADDED_PLAINTEXT_BYTES], given.get(0));
  }

  @Test
  void seal_isFreshEachTime_underThePrimaryKeysPrefix() throws Exception {
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    Report report = TestReports.typical();
    byte[] a = sealer.seal(report);
    byte[] b = sealer.seal(report);
    // Tink's prefix: version byte 1, then the primary key's id.
    assertEquals(1, a[0]);
    assertEquals(hotline.getPrimary().getId(), java.nio.ByteBuffer.wrap(a, 1, 4).getInt());
    assertArrayEquals(Arrays.copyOf(a, 5), Arrays.copyOf(b, 5));
    // A fresh ephemeral key each time, so nothing else in common.
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5, 37), Arrays.copyOfRange(b, 5, 37)));
    assertEquals(report, TestOpener.open(hotline, a));
    assertEquals(report, TestOpener.open(hotline, b));
  }

  @Test
  void open_withAnotherKey_fails() throws Exception {
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(TestReports.minimal());
    assertThrows(GeneralSecurityException.class, () -> TestOpener.open(TestKeys.hotlinePrivate(), sealed));
  }

  /**
   * Sealing uses Tink's primitives as the JVM provides them and changes nothing for anyone else:
   * after a Sealer is made and has sealed, the providers are the JDK's configured list in its
   * order, and TLS, AES-GCM, X25519, digests and randomness come from where they came before.
   */
  @Test
  void sealing_leavesTheJvmsProvidersAsTheyWere() throws Exception {
    List<String> before = JvmProviders.snapshot();
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    assertNotNull(sealer.seal(TestReports.maximal()));
    assertEquals(before, JvmProviders.snapshot());
    assertEquals(JvmProviders.configuredNames(), JvmProviders.installedNames());
  }

  @Test
  void toString_namesTheKeysetOnly() throws Exception {
    PublicKeyset keyset = TestKeys.publicOf(hotline);
    assertEquals("Sealer[" + keyset.fingerprint() + "]", Sealer.create(keyset).toString());
  }
}
