// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.hotlinerelay.protocol.store.DurableStore;

/**
 * An exclusive lock on a workstation's state folder, held by one running {@code inbox serve}. Two
 * workstations writing the same folder would each extend the audit log's hash chain from their own
 * last line, breaking it, and each keep triage the other does not see. The lock is an operating
 * system file lock on {@code lock} in the folder: it ends with the process, however it ends, so a
 * crash leaves nothing to clean up. It does not guard a folder on a network file system that
 * ignores locks.
 */
public final class StateLock implements AutoCloseable {
  /** The lock file's name in the state folder; it stays empty. */
  public static final String FILE = "lock";
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code stateDir}, making the folder (mode 0700) if it is missing; empty when
   * another process, or another lock in this one, holds it.
   */
  public static Optional<StateLock> tryAcquire(Path stateDir) throws IOException {
    DurableStore.createPrivateDirectory(stateDir);
    Path file = stateDir.resolve(FILE);
    // The permissions apply only when the file is made.
    FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new StateLock(channel, lock));
      }
    } catch (OverlappingFileLockException held) {
      // held by this process
    }
    channel.close();
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
