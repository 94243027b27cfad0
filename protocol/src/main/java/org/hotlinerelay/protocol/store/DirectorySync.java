package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Group commit of a folder's fsync. A caller that renamed an entry into the folder calls
 * {@link #await()}; it returns only after an fsync of the folder that <em>started after</em> the
 * call. Callers arriving while an fsync runs join the next round, which one of them runs for all:
 * with many concurrent writers one folder fsync covers a whole batch of renames.
 */
final class DirectorySync {
  private final Path dir;
  private Round pending = new Round();
  private boolean syncing;

  private static final class Round {
    boolean done;
    IOException error;
  }

  DirectorySync(Path dir) {
    this.dir = dir;
  }

  /** Returns once every rename made before this call is durable; throws if that fsync failed. */
  void await() throws IOException, InterruptedException {
    Round mine;
    synchronized (this) {
      mine = pending;
      while (!mine.done && syncing) {
        wait();
      }
      if (mine.done) {
        throwIfFailed(mine);
        return;
      }
      // Not done, nobody syncing: this round has not started, and this caller runs it.
      syncing = true;
      pending = new Round();
    }
    IOException error = null;
    try {
      DurableStore.syncDirectory(dir);
    } catch (IOException e) {
      error = e;
    } finally {
      synchronized (this) {
        mine.error = error;
        mine.done = true;
        syncing = false;
        notifyAll();
      }
    }
    throwIfFailed(mine);
  }

  private static void throwIfFailed(Round round) throws IOException {
    if (round.error != null) {
      throw new IOException("folder fsync failed", round.error);
    }
  }
}
