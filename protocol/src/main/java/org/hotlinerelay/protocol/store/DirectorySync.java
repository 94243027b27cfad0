// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit of a folder's fsync, on one thread of its own. A caller that renamed an entry into
 * the folder calls {@link #after}; the future it passes is completed only after an fsync of the
 * folder that <em>started after</em> the call (or completed exceptionally if that fsync failed).
 * Every rename registered while one fsync runs is covered by the next one: with many writers one
 * folder fsync covers a whole batch, and nobody waits on a thread for it.
 *
 * <p>Futures are completed on the fsync thread: dependants that do more than bookkeeping should
 * continue on their own executor.
 */
final class DirectorySync implements AutoCloseable {
  private final Path dir;
  private final DurableStore.FolderSync syncer;
  private List<CompletableFuture<Void>> pending = new ArrayList<>();
  private Thread thread;
  private boolean closed;

  DirectorySync(Path dir, DurableStore.FolderSync syncer) {
    this.dir = dir;
    this.syncer = syncer;
  }

  /** Completes {@code done} once every rename made before this call is durable. */
  synchronized void after(CompletableFuture<Void> done) {
    if (closed) {
      done.completeExceptionally(new IOException("store is closed"));
      return;
    }
    if (thread == null) {
      thread = new Thread(this::run, "store-folder-sync");
      thread.setDaemon(true);
      thread.start();
    }
    pending.add(done);
    notifyAll();
  }

  private void run() {
    while (true) {
      List<CompletableFuture<Void>> round;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        round = pending;
        pending = new ArrayList<>();
      }
      // Every future in the round was registered after its rename and before this fsync starts.
      IOException error = null;
      try {
        syncer.sync(dir);
      } catch (IOException | RuntimeException e) {
        error = new IOException("folder fsync failed", e);
      }
      for (CompletableFuture<Void> done : round) {
        if (error == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(error);
        }
      }
    }
  }

  /** Lets the rounds already registered finish, then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    Thread running;
    synchronized (this) {
      closed = true;
      running = thread;
      notifyAll();
    }
    if (running != null) {
      running.join();
    }
  }
}
