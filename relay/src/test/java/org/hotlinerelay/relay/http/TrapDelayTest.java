package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrapDelayTest {
  @Test
  void nanos_isZeroBeforeAnyRealReport_thenTheFirstSample() {
    TrapDelay delay = new TrapDelay();
    assertEquals(0, delay.nanos());
    delay.record(8_000_000);
    assertEquals(8_000_000, delay.nanos());
  }

  @Test
  void record_movesAnEighthOfTheWayToEachNewSample() {
    TrapDelay delay = new TrapDelay();
    delay.record(8_000_000);
    delay.record(16_000_000);
    assertEquals(9_000_000, delay.nanos());
    delay.record(1_000_000);
    assertEquals(8_000_000, delay.nanos());
  }

  @Test
  void record_capsASlowDiskAtTheMaximum() {
    TrapDelay delay = new TrapDelay();
    delay.record(TrapDelay.MAX.toNanos() * 10);
    assertEquals(TrapDelay.MAX.toNanos(), delay.nanos());
  }
}
