// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.SyncedFiles;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Contents;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * What the spool does at start-up, before it takes anything new: temporary files are swept; every
 * segment is read ({@link SegmentFormat}) and its whole entries indexed with their stored release
 * times; what does not check (a record cut short, or damaged) is moved to the damaged folder with
 * everything after it, never deleted; a segment left with nothing that another does not hold is
 * deleted; every segment kept has its modification time set to the epoch.
 */
final class Recovery {
  private Recovery() {}

  /** Loads {@code dir} into {@code index}; the number of files with a damaged part. */
  static int load(Path dir, Path damagedDir, SpoolIndex index, long openedAtNanos) throws IOException {
    int moved = 0;
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
      for (Path file : found) {
        String name = file.getFileName().toString();
        if (name.startsWith(SegmentWriter.TEMP_PREFIX)) {
          Files.deleteIfExists(file);
          continue;
        }
        if (!Ids.isValid(name)) {
          continue;
        }
        Contents contents = SegmentFormat.read(file, openedAtNanos);
        if (contents.damagedFrom() >= 0) {
          moveAside(file, contents.damagedFrom(), damagedDir);
          moved++;
        }
        int added = 0;
        for (Map.Entry<String, Location> entry : contents.entries().entrySet()) {
          added += index.addFound(entry.getKey(), entry.getValue()) ? 1 : 0;
        }
        if (added == 0) {
          // Nothing acknowledged is in it that another file does not hold (or it was moved whole).
          Files.deleteIfExists(file);
        } else {
          Files.setLastModifiedTime(file, SyncedFiles.FIXED_TIME);
        }
      }
    }
    DurableStore.syncDirectory(dir);
    return moved;
  }

  /**
   * Copies {@code file} from {@code from} to its end into {@code damagedDir} (same name), durably,
   * then cuts those bytes from {@code file}, so that they are moved aside once, never deleted.
   */
  private static void moveAside(Path file, long from, Path damagedDir) throws IOException {
    DurableStore.createPrivateDirectory(damagedDir);
    String name = file.getFileName().toString();
    Path temp = damagedDir.resolve(SegmentWriter.TEMP_PREFIX + name);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer rest = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, in.size() - from));
      SegmentFormat.readFully(in, rest, from);
      rest.flip();
      SyncedFiles.writeSynced(temp, rest);
      Files.move(temp, damagedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      DurableStore.syncDirectory(damagedDir);
      in.truncate(from);
      Files.setLastModifiedTime(file, SyncedFiles.FIXED_TIME);
      in.force(true);
    }
  }
}
