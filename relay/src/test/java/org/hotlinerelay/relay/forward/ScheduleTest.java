// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final Schedule TEN_SECONDS = new Schedule(Duration.ofSeconds(1), List.of(2, 16, 128), Duration.ofSeconds(10));

  /**
   * A report received anywhere in window k is released in window k+1, and where in k+1 does not
   * depend on where in k it was received: the release offsets of reports received at the very
   * start and at the very end of a window have the same spread over the whole next window.
   */
  @Test
  void releaseTime_isUniformInTheNextWindow_whateverTheOffsetInThisOne() {
    SplittableRandom random = new SplittableRandom(7);
    Instant windowStart = Instant.parse("2026-12-01T10:00:00Z");
    for (long offset : new long[] {0, 1, 5_000, 9_999}) {
      int[] deciles = new int[10];
      for (int i = 0; i < 10_000; i++) {
        Instant release = TEN_SECONDS.releaseTime(windowStart.plusMillis(offset), random);
        long into = release.toEpochMilli() - windowStart.plusSeconds(10).toEpochMilli();
        assertTrue(into >= 0 && into < 10_000, "in the next window: " + into);
        deciles[(int) (into / 1_000)]++;
      }
      for (int count : deciles) {
        assertTrue(count > 850 && count < 1_150, "uniform over the window: " + java.util.Arrays.toString(deciles));
      }
    }
  }

  @Test
  void releaseTime_windowsCountFromTheEpoch_theHourByDefault() {
    Instant received = Instant.parse("2026-12-01T10:59:59.999Z");
    Instant release = Schedule.defaults().releaseTime(received, new SplittableRandom(1));
    assertTrue(!release.isBefore(Instant.parse("2026-12-01T11:00:00Z")) && release.isBefore(Instant.parse("2026-12-01T12:00:00Z")), release.toString());
  }

  @Test
  void bucketFor_isTheSmallestThatHolds_atMostTheLargest() {
    assertEquals(2, TEN_SECONDS.bucketFor(0));
    assertEquals(2, TEN_SECONDS.bucketFor(2));
    assertEquals(16, TEN_SECONDS.bucketFor(3));
    assertEquals(128, TEN_SECONDS.bucketFor(17));
    assertEquals(128, TEN_SECONDS.bucketFor(500));
  }

  @Test
  void new_refusesWhatIsNoSchedule() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new Schedule(Duration.ZERO, List.of(2), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(16, 2), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(2, 2), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(0), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(129), s));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(s, List.of(2), Duration.ZERO));
  }

  /** RELAY-008 tells the operator the schedule in the units the flags take, not as ISO-8601. */
  @Test
  void describe_writesDurationsAsTheFlagsTakeThem() {
    assertEquals("one batch every 1m, batch sizes [2, 16, 128], release window 1h", Schedule.defaults().describe());
    assertEquals("one batch every 500ms, batch sizes [2], release window 1d",
        new Schedule(Duration.ofMillis(500), List.of(2), Duration.ofDays(1)).describe());
    assertEquals("one batch every 90s, batch sizes [2, 16], release window 15m",
        new Schedule(Duration.ofSeconds(90), List.of(2, 16), Duration.ofMinutes(15)).describe());
    assertEquals("one batch every 1500ms, batch sizes [2], release window 25h",
        new Schedule(Duration.ofMillis(1500), List.of(2), Duration.ofHours(25)).describe());
  }
}
