package org.hotlinerelay.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.util.Arrays;
import org.hotlinerelay.protocol.DecryptionFailedException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class SealerTest {
  private final KeysetHandle hotline = TestKeys.hotlinePrivate();

  @Test
  void seal_thenOpen_returnsTheSameReport() throws Exception {
    Report report = TestReports.typical();
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(report);
    Report opened = Opener.create(hotline).open(sealed);
    assertEquals(report, opened);
  }

  @Test
  void seal_minimalAndMaximal_haveTheSameSize() throws Exception {
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    byte[] small = sealer.seal(TestReports.minimal());
    byte[] large = sealer.seal(TestReports.maximal());
    assertEquals(HpkeSuite.SEALED_BYTES, small.length);
    assertEquals(small.length, large.length);
    assertEquals(TestReports.maximal().details(), Opener.create(hotline).open(large).details());
  }

  @Test
  void seal_clearsThePlaintextBuffer_andALongReportLeavesNothingInTheNext() throws Exception {
    Opener opener = Opener.create(hotline);
    Report maximal = TestReports.maximal();
    Report minimal = TestReports.minimal();
    for (boolean conscryptHpke : new boolean[] {true, false}) {
      Sealer sealer = Sealer.create(TestKeys.publicOf(hotline), conscryptHpke);
      byte[] large = sealer.seal(maximal);
      assertTrue(Sealer.plaintextBufferIsClear(), "the long report is cleared once sealed");
      byte[] small = sealer.seal(minimal);
      assertTrue(Sealer.plaintextBufferIsClear());
      // Opening checks that the padding is all zeros: the long report's tail would show here.
      assertEquals(minimal, opener.open(small));
      assertEquals(maximal, opener.open(large));
    }
  }

  @Test
  void seal_withConscryptsHpke_opensWithTinksHpke() throws Exception {
    assertEquals(X25519Implementation.CONSCRYPT, X25519Implementation.install());
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    assertEquals("conscrypt", sealer.hpke(), "Conscrypt is installed: its HPKE seals");
    Report report = TestReports.maximal();
    byte[] sealed = sealer.seal(report);
    assertEquals(HpkeSuite.SEALED_BYTES, sealed.length);
    assertEquals(report, Opener.create(hotline).open(sealed));
  }

  @Test
  void seal_conscryptAndTink_writeTheSameFormat_freshEachTime() throws Exception {
    X25519Implementation.install();
    Sealer conscrypt = Sealer.create(TestKeys.publicOf(hotline), true);
    Sealer tink = Sealer.create(TestKeys.publicOf(hotline), false);
    assertEquals("tink", tink.hpke());
    Report report = TestReports.typical();
    byte[] a = conscrypt.seal(report);
    byte[] b = tink.seal(report);
    assertEquals(b.length, a.length);
    // The same Tink key-id prefix; then a fresh ephemeral key, so nothing else in common.
    assertArrayEquals(Arrays.copyOf(b, 5), Arrays.copyOf(a, 5));
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5, 37), Arrays.copyOfRange(b, 5, 37)));
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5, 37), Arrays.copyOfRange(conscrypt.seal(report), 5, 37)));
    Opener opener = Opener.create(hotline);
    assertEquals(report, opener.open(a));
    assertEquals(report, opener.open(b));
  }

  @Test
  void open_withAnotherKey_fails() throws Exception {
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(TestReports.minimal());
    Opener other = Opener.create(TestKeys.hotlinePrivate());
    assertThrows(DecryptionFailedException.class, () -> other.open(sealed));
  }
}
