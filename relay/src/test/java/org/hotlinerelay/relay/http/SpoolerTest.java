// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.testing.TestReports;
import org.hotlinerelay.relay.Metrics.Rejection;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.keys.HotlineKeyset;
import org.hotlinerelay.relay.spool.Spool;
import org.junit.jupiter.api.Test;

/** The sealing stage in front of a full spool. */
class SpoolerTest {
  @Test
  void fullSpool_refusesBeforeAnythingIsSealed() throws Exception {
    HotlineKeyset keys = mock(HotlineKeyset.class);
    EnvelopeSigner signer = mock(EnvelopeSigner.class);
    Spool spool = mock(Spool.class);
    when(spool.full()).thenReturn(true);
    Spooler spooler = new Spooler(keys, signer, spool,
        new Schedule(Duration.ofMinutes(1), List.of(2, 16, 128), Duration.ofHours(1)), Clock.systemUTC());

    Spooler.Unavailable report = assertThrows(Spooler.Unavailable.class, () -> spooler.acceptAsync(TestReports.typical()));
    assertEquals(Rejection.SPOOL_FULL, report.reason);
    Spooler.Unavailable trap = assertThrows(Spooler.Unavailable.class, spooler::trapAsync);
    assertEquals(Rejection.SPOOL_FULL, trap.reason, "a filled honeypot is refused the same way");

    verifyNoInteractions(keys, signer);
    verify(spool, never()).putAsync(any(), any());
  }
}
