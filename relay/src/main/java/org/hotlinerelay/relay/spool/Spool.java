package org.hotlinerelay.relay.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.StoreFullException;

/**
 * The relay's store-and-forward queue: sealed, signed envelopes only, one file each, durable
 * before {@link #put} returns (so the reporter is told "received" only after this). The forwarder
 * drains it; an envelope leaves only after the hotline acknowledged it, or to quarantine.
 *
 * <p>How long an envelope has waited is kept in memory only (for metrics); files carry no time.
 */
public final class Spool implements AutoCloseable {
  private final DurableStore store;
  private final Path quarantine;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  private final Object changes = new Object();
  private long generation;

  public Spool(Path dir, Quota quota, Clock clock) throws IOException {
    this.store = new DurableStore(dir.resolve("outbox"), quota);
    this.quarantine = dir.resolve("quarantine");
    DurableStore.createPrivateDirectory(quarantine);
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** Stores an envelope durably. Returns only once it survives a crash. */
  public void put(Envelope envelope) throws StoreFullException, IOException, InterruptedException {
    store.put(envelope.id(), EnvelopeCodec.toJson(envelope));
    firstSeen.put(envelope.id(), clock.instant());
    changed();
  }

  /** A number that grows whenever an envelope is added or leaves; see {@link #awaitChange}. */
  public long generation() {
    synchronized (changes) {
      return generation;
    }
  }

  /**
   * Waits until the spool changed since {@code seen} (from {@link #generation()}) or {@code max}
   * passed. Lets the forwarder wake at once when a report is spooled, without busy polling.
   */
  public void awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (changes) {
      long remaining;
      while (generation == seen && (remaining = deadline - System.nanoTime()) > 0) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(changes, remaining);
      }
    }
  }

  private void changed() {
    synchronized (changes) {
      generation++;
      changes.notifyAll();
    }
  }

  /** Ids of envelopes waiting to be forwarded. */
  public List<String> pending() throws IOException {
    return store.names();
  }

  public Envelope read(String id) throws IOException, MalformedMessageException, UnsupportedVersionException {
    return EnvelopeCodec.fromJson(store.read(id));
  }

  /** The hotline acknowledged it: forget it. */
  public void acknowledged(String id) throws IOException {
    store.delete(id);
    firstSeen.remove(id);
    changed();
  }

  /** The hotline refused it for good (4xx other than 429): keep it aside, never delete silently. */
  public void quarantine(String id) throws IOException {
    store.moveTo(id, quarantine);
    firstSeen.remove(id);
    changed();
  }

  public int depth() {
    return store.count();
  }

  /** How long the oldest waiting envelope has waited (envelopes found at start-up count from then). */
  public Duration oldestAge() {
    if (store.count() == 0) {
      return Duration.ZERO;
    }
    Instant oldest = firstSeen.values().stream().min(Instant::compareTo).orElse(startedAt);
    if (firstSeen.size() < store.count()) {
      oldest = oldest.isBefore(startedAt) ? oldest : startedAt;
    }
    return Duration.between(oldest, clock.instant());
  }

  public int quarantined() throws IOException {
    try (var files = java.nio.file.Files.list(quarantine)) {
      return (int) files.count();
    }
  }

  @Override
  public void close() throws InterruptedException {
    store.close();
  }
}
