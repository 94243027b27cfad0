package org.hotlinerelay.relay.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.store.BatchStore;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.StoreFullException;

/**
 * The relay's store-and-forward queue: sealed, signed envelopes only, written in batches
 * ({@link BatchStore}: the envelopes that arrive together are appended to a segment file with one
 * fsync), durable before {@link #put} returns or {@link #putAsync}'s future completes (so the
 * reporter is told "received" only after this). The forwarder drains it; an envelope leaves only
 * after the hotline acknowledged it, or to quarantine (a file of its own there). What does not
 * check at start-up is moved to quarantine, never deleted.
 *
 * <p>Envelopes are spooled in {@link EnvelopeBinary}'s form, and sent in the form the intake takes
 * ({@link #readToSend}); a spool written by an earlier version holds JSON, and is read and sent too.
 *
 * <p>How long an envelope has waited is kept in memory only (for metrics); files carry no time.
 */
public final class Spool implements AutoCloseable {
  /** The form an envelope is sent in: JSON ({@link EnvelopeCodec}) or {@link EnvelopeBinary}'s. */
  public enum Form { JSON, BINARY }

  private static final int ARRIVALS = 4096;
  private final BatchStore store;
  private final Path quarantine;
  private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>(ARRIVALS);
  private final AtomicInteger putsInFlight = new AtomicInteger();

  public Spool(Path dir, Quota quota) throws IOException {
    this(dir, quota, DurableStore::syncDirectory);
  }

  /** With the outbox's folder fsync given (tests hold it back or make it fail). */
  public Spool(Path dir, Quota quota, DurableStore.FolderSync folderSync) throws IOException {
    this.quarantine = dir.resolve("quarantine");
    DurableStore.createPrivateDirectory(quarantine);
    this.store = new BatchStore(dir.resolve("outbox"), quarantine, quota, folderSync);
  }

  /** Stores an envelope durably. Returns only once it survives a crash. */
  public void put(Envelope envelope) throws StoreFullException, IOException, InterruptedException {
    store.put(envelope.id(), EnvelopeBinary.encode(envelope));
    arrived(envelope.id());
  }

  /**
   * Starts storing an envelope; the future completes normally only once it survives a crash
   * ({@link DurableStore#putAsync}), else with {@link StoreFullException} or {@link IOException}.
   * It completes on a store thread: continue on your own executor.
   */
  public CompletableFuture<Void> putAsync(Envelope envelope) {
    String id = envelope.id();
    putsInFlight.incrementAndGet();
    return store.putAsync(id, EnvelopeBinary.encode(envelope))
        .whenComplete((ok, error) -> putsInFlight.decrementAndGet())
        .thenRun(() -> arrived(id));
  }

  /** Envelopes being made durable now: reporters waiting for their answer. */
  public int putsInFlight() {
    return putsInFlight.get();
  }

  private void arrived(String id) {
    while (!arrivals.offer(id)) {
      arrivals.poll();
    }
  }

  /**
   * The id of an envelope spooled since the last call, waiting up to {@code max} for one; null if
   * none. Lets the forwarder send a new report at once without re-listing the folder. Best effort:
   * when nobody takes them, the oldest notices are dropped — {@link #pending()} stays the truth.
   */
  public String awaitArrival(Duration max) throws InterruptedException {
    return arrivals.poll(max.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Ids of envelopes waiting to be forwarded. */
  public List<String> pending() throws IOException {
    return store.names();
  }

  /**
   * These envelopes as they are sent, in order, in {@code form}: JSON as {@link EnvelopeCodec#toJson}
   * writes it (no line feed, so it fits an {@code EnvelopeBatch}), or {@link EnvelopeBinary}'s
   * form; null for one that is gone, and null for one that is not an envelope, whose id is added to
   * {@code unreadable}. An envelope whose spool record still checks (its CRC-32C,
   * {@link BatchStore.Entry#checked}) and is spooled in that form is sent as spooled: it is what
   * {@link #putAsync} wrote (or, for JSON, an earlier version's {@code putAsync}), and checking its
   * bytes again was a tenth of a loaded relay's forwarding. Anything else (the other form, an
   * earlier spool format, bytes changed on disk) is parsed whole and written in {@code form}
   * ({@code SpoolBatchTest}). Read into {@code scratch} as far as it holds them
   * ({@link BatchStore#read(List, ByteBuffer)}): the buffers given are valid until the caller uses
   * it again.
   */
  public List<ByteBuffer> readToSend(List<String> ids, List<String> unreadable, ByteBuffer scratch, Form form)
      throws IOException {
    List<BatchStore.Entry> read = store.read(ids, scratch);
    List<ByteBuffer> out = new ArrayList<>(read.size());
    for (int i = 0; i < read.size(); i++) {
      BatchStore.Entry entry = read.get(i);
      ByteBuffer data = null;
      if (entry != null && entry.checked() && EnvelopeBinary.isBinary(entry.data()) == (form == Form.BINARY)) {
        data = entry.data();
      } else if (entry != null) {
        try {
          Envelope envelope = EnvelopeBinary.decodeEither(entry.bytes());
          data = ByteBuffer.wrap(form == Form.BINARY ? EnvelopeBinary.encode(envelope) : EnvelopeCodec.toJson(envelope));
        } catch (MalformedMessageException | UnsupportedVersionException e) {
          unreadable.add(ids.get(i));
        }
      }
      out.add(data);
    }
    return out;
  }

  public Envelope read(String id) throws IOException, MalformedMessageException, UnsupportedVersionException {
    return EnvelopeBinary.decodeEither(store.read(id));
  }

  /** The hotline acknowledged it: forget it. */
  public void acknowledged(String id) throws IOException {
    store.delete(id);
  }

  /** The hotline refused it for good (4xx other than 429): keep it aside, never delete silently. */
  public void quarantine(String id) throws IOException {
    store.moveTo(id, quarantine);
  }

  /** Spool files with parts that did not check at start-up (those parts are in quarantine). */
  public int damagedAtStart() {
    return store.damagedAtStart();
  }

  public int depth() {
    return store.count();
  }

  /** How long the oldest waiting envelope has waited (envelopes found at start-up count from then). */
  public Duration oldestAge() {
    return store.oldestAge();
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
