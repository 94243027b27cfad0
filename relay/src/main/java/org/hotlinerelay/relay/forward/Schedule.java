// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * When reports leave the relay, so that the link to the hotline shows a schedule, not reports.
 *
 * <ul>
 *   <li>{@code window}: time is cut into windows of this length, counted from the epoch (the hour by
 *       default). A report received in window k is released at a time drawn uniformly from window
 *       k+1 when it is spooled ({@link #releaseTime}), independently of every other report, and the
 *       time is stored with it. Its arrival at the hotline then tells no more than which window it
 *       was received in ({@code ScheduleTest}).
 *   <li>{@code interval}: the forwarder sends exactly one batch per interval, whether or not
 *       anything is due.
 *   <li>{@code buckets}: the sizes a batch may have, smallest first; a batch has the smallest size
 *       that holds what is due (at most the largest; the rest waits for the next interval), the
 *       places left filled with cover envelopes ({@link #bucketFor}). Below the smallest bucket every
 *       batch is byte for byte the same length.
 * </ul>
 *
 * <p>What this costs: a report reaches the hotline between one and two windows (plus up to an
 * interval) after it was sent, and the link carries the smallest bucket of envelopes every interval
 * even when nothing happens. What it does not hide: that the relay runs, how many relays there are,
 * and a backlog (after a hotline outage, or a burst of more than the largest bucket per interval),
 * which goes out in larger buckets.
 *
 * @param interval time between two batches
 * @param buckets batch sizes, strictly ascending, 1 to {@link EnvelopeBatch#MAX_ENVELOPES}
 * @param window the release window
 */
public record Schedule(Duration interval, List<Integer> buckets, Duration window) {
  /** One batch a minute. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  /** Two envelopes a minute at rest; 16 and 128 for busier minutes and backlogs. */
  public static final List<Integer> DEFAULT_BUCKETS = List.of(2, 16, 128);
  /** The hour, the time field's granularity. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  public Schedule {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the forwarding interval must be positive");
    }
    if (window == null || window.toMillis() < 1) {
      throw new IllegalArgumentException("the release window must be at least a millisecond");
    }
    buckets = List.copyOf(buckets);
    if (buckets.isEmpty()) {
      throw new IllegalArgumentException("at least one bucket size");
    }
    int previous = 0;
    for (int size : buckets) {
      if (size <= previous || size > EnvelopeBatch.MAX_ENVELOPES) {
        throw new IllegalArgumentException("bucket sizes must ascend strictly, from 1 to " + EnvelopeBatch.MAX_ENVELOPES);
      }
      previous = size;
    }
  }

  /** The production defaults. */
  public static Schedule defaults() {
    return new Schedule(DEFAULT_INTERVAL, DEFAULT_BUCKETS, DEFAULT_WINDOW);
  }

  /** The schedule in the units the relay's flags take: {@code one batch every 1m, batch sizes [2, 16, 128], release window 1h}. */
  public String describe() {
    return "one batch every " + flagForm(interval) + ", batch sizes " + buckets + ", release window " + flagForm(window);
  }

  /** The largest of d, h, m, s and ms that writes the duration as a whole number. */
  private static String flagForm(Duration d) {
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }

  /** Most envelopes in one batch. */
  public int largestBucket() {
    return buckets.get(buckets.size() - 1);
  }

  /** The size of the batch that carries {@code due} envelopes (at most the largest bucket's). */
  public int bucketFor(int due) {
    for (int size : buckets) {
      if (size >= due) {
        return size;
      }
    }
    return largestBucket();
  }

  /**
   * When a report received at {@code received} is released: uniformly at random in the window after
   * the one {@code received} falls in.
   */
  public Instant releaseTime(Instant received, RandomGenerator random) {
    long w = window.toMillis();
    long next = Math.floorDiv(received.toEpochMilli(), w) + 1;
    return Instant.ofEpochMilli(next * w + random.nextLong(w));
  }
}
