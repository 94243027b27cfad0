// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoarseTimeTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T16:47:13.123456Z"), ZoneOffset.UTC);

  @Test
  void hour_roundsDown_andKeepsNoMinutesOrSeconds() {
    assertEquals("2026-11-28T16:00Z", CoarseTime.HOUR.stamp(clock));
  }

  @Test
  void day_roundsDownToMidnightUtc() {
    assertEquals("2026-11-28T00:00Z", CoarseTime.DAY.stamp(clock));
  }
}
