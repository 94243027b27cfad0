// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How files at rest are written, by the intake's stores and the relay's spool alike: new,
 * owner-only, modification time at the epoch, fsynced.
 */
public final class SyncedFiles {
  /** Entries are readable by their owner only, whatever the process umask. */
  public static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  public static final Set<StandardOpenOption> NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  /** Every file at rest has this modification time, whatever happened to it. */
  public static final FileTime FIXED_TIME = FileTime.fromMillis(0);

  private SyncedFiles() {}

  /** Creates {@code file} (it must not exist) with {@code buffers}' bytes, durably. */
  public static void writeSynced(Path file, ByteBuffer... buffers) throws IOException {
    try (FileChannel channel = FileChannel.open(file, NEW, OWNER_ONLY)) {
      while (buffers[buffers.length - 1].hasRemaining()) {
        channel.write(buffers);
      }
      // Before the fsync, so the fixed time is durable with the data.
      Files.setLastModifiedTime(file, FIXED_TIME);
      channel.force(true);
    }
  }

  public static void writeSynced(Path file, byte[] data) throws IOException {
    writeSynced(file, ByteBuffer.wrap(data));
  }
}
