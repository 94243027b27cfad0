// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.StoreFullException;
import org.hotlinerelay.relay.spool.internal.SegmentStore;

/**
 * The relay's store-and-forward queue: sealed, signed envelopes only, each with the time it may be
 * released, durable before {@link #putAsync}'s future completes (so the reporter is told
 * "received" only after this). The release time is stored with the envelope, so a restart keeps
 * it. The forwarder takes what is {@linkplain #due due}; an envelope leaves only after the hotline
 * acknowledged it, or to quarantine (a file of its own there). What does not check at start-up is
 * moved to quarantine, never deleted ({@link SegmentStore}).
 *
 * <p>How long an envelope has waited is kept in memory only (for metrics); files carry no time
 * but the release time.
 */
public final class Spool implements AutoCloseable {
  private final SegmentStore store;
  private final Path quarantine;

  /**
   * The heap the spool's index takes for {@code quota}, all of it from the start, so that a flood
   * up to the quota needs no more; {@link Long#MAX_VALUE} when no heap holds it.
   */
  public static long indexHeap(Quota quota) {
    return SegmentStore.indexHeap(quota);
  }

  public Spool(Path dir, Quota quota) throws IOException {
    this(dir, quota, DurableStore::syncDirectory);
  }

  /** With the outbox's folder fsync given (tests hold it back or make it fail). */
  public Spool(Path dir, Quota quota, DurableStore.FolderSync folderSync) throws IOException {
    this.quarantine = dir.resolve("quarantine");
    DurableStore.createPrivateDirectory(quarantine);
    this.store = new SegmentStore(dir.resolve("outbox"), quarantine, quota, folderSync);
  }

  /**
   * Starts storing an envelope, to be released at {@code releaseAt}; the future completes normally
   * only once it survives a crash, else with {@link StoreFullException} or {@link IOException}. It
   * completes on the spool's writer thread: continue on your own executor.
   */
  public CompletableFuture<Void> putAsync(Envelope envelope, Instant releaseAt) {
    return store.putAsync(envelope.id(), EnvelopeBinary.encode(envelope), releaseAt.toEpochMilli());
  }

  /** Up to {@code max} ids of envelopes whose release time is at or before {@code now}, oldest written first. */
  public List<String> due(Instant now, int max) {
    return store.due(now.toEpochMilli(), max);
  }

  /**
   * These envelopes' bytes as spooled (and sent), in order: null for one that is gone, and null
   * for one whose record no longer checks (its CRC-32C: the bytes changed on disk), whose id is
   * added to {@code unreadable}. A record that checks holds exactly what {@link #putAsync} wrote.
   */
  public List<byte[]> read(List<String> ids, List<String> unreadable) throws IOException {
    List<SegmentStore.Entry> read = store.read(ids);
    List<byte[]> out = new ArrayList<>(read.size());
    for (int i = 0; i < read.size(); i++) {
      SegmentStore.Entry entry = read.get(i);
      if (entry != null && !entry.intact()) {
        unreadable.add(ids.get(i));
        entry = null;
      }
      out.add(entry == null ? null : entry.data());
    }
    return out;
  }

  /** The hotline acknowledged it (or it was cover written only to be waited for): forget it. */
  public void acknowledged(String id) throws IOException {
    store.delete(id);
  }

  /** The hotline refused it for good (4xx other than 429), or it is unreadable: keep it aside, never delete silently. */
  public void quarantine(String id) throws IOException {
    store.moveTo(id, quarantine);
  }

  /** Spool files with parts that did not check at start-up (those parts are in quarantine). */
  public int damagedAtStart() {
    return store.damagedAtStart();
  }

  /**
   * True when the quota is reached, so that a {@link #putAsync} now would be refused. It reads two
   * counters: the relay asks it before sealing, so a flood beyond the quota costs a form check and
   * a 503, not a sealed envelope.
   */
  public boolean full() {
    return store.full();
  }

  public int depth() {
    return store.count();
  }

  /** How long the oldest waiting envelope has waited (envelopes found at start-up count from then). */
  public Duration oldestAge() {
    return store.oldestAge();
  }

  public int quarantined() throws IOException {
    try (Stream<Path> files = Files.list(quarantine)) {
      return (int) files.count();
    }
  }

  @Override
  public void close() throws InterruptedException {
    store.close();
  }
}
