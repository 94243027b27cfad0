package org.hotlinerelay.relay.forward;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the forwarder waits after the {@code attempt}-th failure in a row (1-based) before it
 * tries the hotline again. Injected so tests can make retries fast.
 */
@FunctionalInterface
public interface BackoffPolicy {
  Duration delay(int attempt);

  /**
   * Exponential backoff with "full jitter": a uniformly random delay in [0, min(cap, base·2^(n-1))],
   * never less than {@code base / 2} so a down hotline is not hammered.
   */
  static BackoffPolicy exponential(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
    long baseNanos = base.toNanos();
    long capNanos = cap.toNanos();
    return attempt -> {
      int shift = Math.min(Math.max(attempt, 1) - 1, 40);
      long ceiling = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
      long floor = baseNanos / 2;
      long nanos = floor + (long) (random.nextDouble() * Math.max(0, ceiling - floor));
      return Duration.ofNanos(nanos);
    };
  }

  /** The production default: 1 s doubling up to 5 minutes, jittered. */
  static BackoffPolicy standard() {
    return exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), new java.security.SecureRandom());
  }
}
