package org.hotlinerelay.relay.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a real report has lately taken from sealing to its durable "received" (a moving
 * average), so that a filled honeypot is answered after about as long. Without it the trap's 303
 * came at once while a real one waited for the spool's fsync, and a bot could tell from the timing
 * alone that it had been caught ({@code ReportHandlerAsyncTest#post_honeypot_answersAfterAboutAsLongAsARealReport}).
 * Holds one number, no per-report data.
 */
final class TrapDelay {
  /** A slow disk must not make the trap hold connections for long. */
  static final Duration MAX = Duration.ofSeconds(2);
  private final AtomicLong averageNanos = new AtomicLong();

  /** A real report took {@code nanos} to become durable. */
  void record(long nanos) {
    long sample = Math.min(Math.max(nanos, 0), MAX.toNanos());
    averageNanos.accumulateAndGet(sample, (average, next) -> average == 0 ? next : average + (next - average) / 8);
  }

  /** How long the trap's answer should wait: 0 before any real report was taken. */
  long nanos() {
    return averageNanos.get();
  }
}
