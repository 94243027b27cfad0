// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The only time a report carries: when it was received, rounded down to the hour or the day. An
 * exact time could be matched against a reporter's network traffic; an hour among many reports
 * cannot (see threat-model.md, traffic analysis).
 */
public enum CoarseTime {
  HOUR(ChronoUnit.HOURS),
  DAY(ChronoUnit.DAYS);

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH':00Z'").withZone(ZoneOffset.UTC);

  private final ChronoUnit unit;

  CoarseTime(ChronoUnit unit) {
    this.unit = unit;
  }

  /** {@code now}, rounded down, as {@code 2026-11-28T16:00Z}. */
  public String stamp(Clock clock) {
    return FORMAT.format(Instant.now(clock).truncatedTo(unit));
  }
}
