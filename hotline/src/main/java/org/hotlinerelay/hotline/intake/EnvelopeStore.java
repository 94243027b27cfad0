// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hotlinerelay.hotline.store.InboxStore;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.StoreFullException;

/**
 * The intake's side of the inbox: verified envelopes, still sealed, written in the one inbox format
 * ({@link InboxStore}, which the analyst's tools read), durable before {@link #store} returns
 * (group commit in {@link DurableStore}).
 *
 * <p>Idempotent, also under concurrency: an id maps to one of a fixed set of locks, so two posts
 * of the same id never write at once; the second finds the first's file and answers "duplicate".
 * Different ids mostly take different locks and still share the folder fsync.
 *
 * <p>A batch ({@link #storeAll}) starts all its writes at once, so that they share one folder
 * fsync, and waits for them outside the locks; while an id is being written that way, another
 * request with the same id is answered {@link Result#IN_PROGRESS} (retry later), never
 * "duplicate" before the first write is durable ({@code IntakeBatchTest#sameIdInFlight_answers503UntilDurable}).
 */
final class EnvelopeStore implements AutoCloseable {
  private static final int STRIPES = 256;

  enum Result { STORED, DUPLICATE, FULL, DISK_FAILURE, IN_PROGRESS }

  private final DurableStore durable;
  private final InboxStore store;
  private final Object[] locks = new Object[STRIPES];
  /** Ids a batch is writing now (not yet durable). */
  private final Set<String> writing = ConcurrentHashMap.newKeySet();
  private final IntakeLog.InboxState log = new IntakeLog.InboxState();

  EnvelopeStore(DurableStore store) {
    this.durable = store;
    this.store = InboxStore.writing(store);
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  Result store(Envelope envelope) {
    String id = envelope.id();
    synchronized (lockOf(id)) {
      // In this order: a batch's file exists (renamed) before its folder fsync made it durable.
      if (writing.contains(id)) {
        return Result.IN_PROGRESS;
      }
      if (store.contains(id)) {
        return Result.DUPLICATE;
      }
      return awaited(store.putAsync(envelope));
    }
  }

  /** Stores each envelope as {@link #store} would, the writes sharing fsyncs; results in order. */
  Result[] storeAll(List<Envelope> envelopes) {
    Result[] results = new Result[envelopes.size()];
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] writes = new CompletableFuture[envelopes.size()];
    for (int i = 0; i < results.length; i++) {
      Envelope envelope = envelopes.get(i);
      String id = envelope.id();
      synchronized (lockOf(id)) {
        if (writing.contains(id)) {
          results[i] = Result.IN_PROGRESS;
        } else if (store.contains(id)) {
          results[i] = Result.DUPLICATE;
        } else {
          writing.add(id);
          writes[i] = store.putAsync(envelope);
        }
      }
    }
    for (int i = 0; i < results.length; i++) {
      if (writes[i] != null) {
        try {
          results[i] = awaited(writes[i]);
        } finally {
          writing.remove(envelopes.get(i).id());
        }
      }
    }
    return results;
  }

  private Result awaited(CompletableFuture<Void> write) {
    try {
      DurableStore.await(write);
      log.stored();
      return Result.STORED;
    } catch (StoreFullException e) {
      log.full();
      return Result.FULL;
    } catch (IOException e) {
      log.diskFailure(e);
      return Result.DISK_FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.DISK_FAILURE;
    }
  }

  private Object lockOf(String id) {
    return locks[Math.floorMod(id.hashCode(), STRIPES)];
  }

  int size() {
    return durable.count();
  }

  @Override
  public void close() throws InterruptedException {
    durable.close();
  }
}
