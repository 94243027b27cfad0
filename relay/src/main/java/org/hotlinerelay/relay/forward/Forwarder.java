// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.relay.forward.IntakeClient.BatchAnswer;
import org.hotlinerelay.relay.spool.Spool;

/**
 * Sends the {@link Spool} to the hotline intake on the {@link Schedule}: a timer loop that, once
 * per interval, takes what is due (release time passed), fills it up to its bucket with
 * {@link Cover} envelopes, and posts it as one batch ({@link EnvelopeBatch}), whether or not
 * anything was due ({@code ForwarderTest#tick_sendsOneBatchOfTheSmallestBucket_whenNothingIsDue}).
 *
 * <ul>
 *   <li>Each report in a batch is settled by its own status: deleted after a 2xx
 *       ({@code ForwarderTest#deliver_2xxDeletes}), quarantined after a 4xx other than 408/429, never
 *       silently deleted ({@code ForwarderTest#deliver_4xxQuarantines}), kept for the next interval
 *       after 429, 5xx or a network error ({@code ForwarderTest#deliver_retriesAfterOutage}). The
 *       schedule is the backoff: a hotline that is down gets one request per interval.
 *   <li>An intake that answers the request as a whole with 404, 415 or another 4xx is a
 *       configuration error: counted, logged once ({@code RELAY-310}), everything kept
 *       ({@code ForwarderTest#intakeAnswers404or415_isAConfigurationError_countedLoggedOnce_nothingLost}).
 *   <li>The spool is the queue, with each report's release time: a restart keeps both, and nothing
 *       leaves before its time ({@code ForwarderTest#tick_neverSendsAReportBeforeItsReleaseTime}).
 *   <li>Delivery is at least once: a crash between the hotline's 2xx and the delete re-sends; the
 *       hotline de-duplicates by envelope id.
 *   <li>Logs carry fixed event codes and exception class names only.
 * </ul>
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

  private final Spool spool;
  private final Schedule schedule;
  private final Cover cover;
  private final IntakeClient client;
  private final Clock clock;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong misconfigured = new AtomicLong();
  /** Cover made between ticks, for the next one: a batch of the smallest bucket seals nothing on time. Loop thread only. */
  private final ArrayDeque<byte[]> readyCover = new ArrayDeque<>();
  private final Thread loop;
  private volatile boolean running = true;

  public Forwarder(Spool spool, ForwarderConfig config, Schedule schedule, Cover cover)
      throws IOException, GeneralSecurityException {
    this(spool, config, schedule, cover, Clock.systemUTC());
  }

  /** With the clock that decides what is due (tests move it). */
  Forwarder(Spool spool, ForwarderConfig config, Schedule schedule, Cover cover, Clock clock)
      throws IOException, GeneralSecurityException {
    this.spool = spool;
    this.schedule = schedule;
    this.cover = cover;
    this.client = new IntakeClient(config);
    this.clock = clock;
    this.loop = new Thread(this::run, "forwarder");
    this.loop.setDaemon(true);
  }

  /** Starts the timer loop on its own thread: the first batch at once, then one per interval. */
  public Forwarder start() {
    loop.start();
    LOG.info("RELAY-300 forwarder started");
    return this;
  }

  private void run() {
    long interval = schedule.interval().toNanos();
    long next = System.nanoTime();
    while (running) {
      try {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
          continue;
        }
        tick();
        makeCover();
        // The next slot. A tick that ran late (a busy machine) is followed at once by the next
        // slot's, so that each interval still has its batch; after a stall longer than an interval
        // (a hotline that does not answer) the missed slots are skipped, never sent in a burst.
        next += interval;
        long behind = System.nanoTime() - next;
        if (behind > interval) {
          next += interval * (behind / interval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One interval's batch: what is due, filled with cover to its bucket, sent, each report settled. */
  void tick() {
    try {
      List<String> due = spool.due(clock.instant(), schedule.largestBucket());
      List<String> unreadable = new ArrayList<>();
      List<byte[]> read = spool.read(due, unreadable);
      unreadable.forEach(id -> quarantine(id, "RELAY-304 unreadable envelope quarantined"));
      List<String> reports = new ArrayList<>(due.size());
      List<byte[]> envelopes = new ArrayList<>(schedule.largestBucket());
      for (int i = 0; i < due.size(); i++) {
        if (read.get(i) != null) {
          reports.add(due.get(i));
          envelopes.add(read.get(i));
        }
      }
      for (int size = schedule.bucketFor(reports.size()); envelopes.size() < size; ) {
        byte[] ready = readyCover.poll();
        envelopes.add(ready != null ? ready : EnvelopeBinary.encode(cover.next()));
      }
      batches.incrementAndGet();
      settle(reports, client.sendBatch(envelopes));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "RELAY-303 spool read failed: {0}", e.getClass().getName());
    } catch (GeneralSecurityException e) {
      LOG.log(Level.WARNING, "RELAY-312 cover not made, batch skipped: {0}", e.getClass().getName());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "RELAY-302 forwarding error: {0}", e.getClass().getName());
    }
  }

  /** Makes the cover the next tick's smallest batch needs, so that it goes out on time. */
  private void makeCover() {
    try {
      while (readyCover.size() < schedule.buckets().get(0)) {
        readyCover.add(EnvelopeBinary.encode(cover.next()));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      LOG.log(Level.WARNING, "RELAY-312 cover not made: {0}", e.getClass().getName());
    }
  }

  /** Acts on the answer for a batch whose first {@code reports.size()} envelopes are reports. */
  private void settle(List<String> reports, BatchAnswer answer) {
    switch (answer.kind()) {
      case RESULTS -> {
        boolean retry = false;
        for (int i = 0; i < reports.size(); i++) {
          switch (IntakeClient.classify(answer.statuses()[i])) {
            case DELIVERED -> delivered(reports.get(i));
            case REFUSED -> quarantine(reports.get(i), "RELAY-305 envelope refused by hotline, quarantined");
            case RETRY -> retry = true;
          }
        }
        if (retry) {
          failed();
        }
      }
      case RETRY -> failed();
      case MISCONFIGURED -> {
        if (misconfigured.getAndIncrement() == 0) {
          LOG.warning("RELAY-310 hotline intake refused the batch request: check --hotline-url");
        }
        failed();
      }
    }
  }

  private void delivered(String id) {
    try {
      spool.acknowledged(id);
      forwarded.incrementAndGet();
    } catch (IOException e) {
      // The envelope stays and is sent again; the hotline de-duplicates.
      LOG.log(Level.WARNING, "RELAY-306 delete after delivery failed: {0}", e.getClass().getName());
    }
  }

  private void quarantine(String id, String event) {
    try {
      spool.quarantine(id);
      quarantined.incrementAndGet();
      LOG.warning(event);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "RELAY-307 quarantine failed: {0}", e.getClass().getName());
    }
  }

  private void failed() {
    if (failures.getAndIncrement() == 0) {
      LOG.warning("RELAY-308 hotline unavailable: what is due waits for the next interval");
    }
  }

  /** Batches sent (one per interval, reports or not). */
  public long batches() {
    return batches.get();
  }

  /** Reports the hotline acknowledged (2xx) and that were then deleted. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Batches that failed as a whole, or held a report to retry (429, 5xx, network, configuration). */
  public long failures() {
    return failures.get();
  }

  /** Reports the hotline refused for good (4xx) or that could not be read: moved to quarantine. */
  public long quarantined() {
    return quarantined.get();
  }

  /** Batches the intake refused as a whole with 404, 415 or another 4xx: the hotline URL is wrong. */
  public long misconfigured() {
    return misconfigured.get();
  }

  long refusedLocalLookups() {
    return client.refusedLocalLookups();
  }

  /** Stops sending; envelopes not yet acknowledged stay in the spool for the next start. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.interrupt();
    client.cancelAll();
    loop.join(5_000);
    client.close();
    LOG.info("RELAY-309 forwarder stopped");
  }

  @Override
  public String toString() {
    return "Forwarder[forwarded=" + forwarded() + ", failures=" + failures() + ", quarantined=" + quarantined() + "]";
  }
}
