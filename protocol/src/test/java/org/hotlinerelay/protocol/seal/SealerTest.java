package org.hotlinerelay.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.KeysetHandle;
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
  void open_withAnotherKey_fails() throws Exception {
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(TestReports.minimal());
    Opener other = Opener.create(TestKeys.hotlinePrivate());
    assertThrows(DecryptionFailedException.class, () -> other.open(sealed));
  }
}
