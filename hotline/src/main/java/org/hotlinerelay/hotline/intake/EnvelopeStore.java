package org.hotlinerelay.hotline.intake;

import java.io.IOException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.StoreFullException;

/**
 * The intake's inbox: verified envelopes, still sealed, one file each named by the envelope id
 * (random, so the name tells nothing), durable before {@link #store} returns (group commit in
 * {@link DurableStore}).
 *
 * <p>Idempotent, also under concurrency: an id maps to one of a fixed set of locks, so two posts
 * of the same id never write at once; the second finds the first's file and answers "duplicate".
 * Different ids mostly take different locks and still share the folder fsync.
 */
final class EnvelopeStore implements AutoCloseable {
  private static final int STRIPES = 256;

  enum Result { STORED, DUPLICATE, FULL, DISK_FAILURE }

  private final DurableStore store;
  private final Object[] locks = new Object[STRIPES];

  EnvelopeStore(DurableStore store) {
    this.store = store;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  Result store(Envelope envelope) {
    String id = envelope.id();
    synchronized (locks[Math.floorMod(id.hashCode(), STRIPES)]) {
      if (store.contains(id)) {
        return Result.DUPLICATE;
      }
      try {
        store.put(id, EnvelopeCodec.toJson(envelope));
        return Result.STORED;
      } catch (StoreFullException e) {
        IntakeLog.inboxFull();
        return Result.FULL;
      } catch (IOException e) {
        IntakeLog.diskFailure(e);
        return Result.DISK_FAILURE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.DISK_FAILURE;
      }
    }
  }

  int size() {
    return store.count();
  }

  @Override
  public void close() throws InterruptedException {
    store.close();
  }
}
