// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.StoreFullException;
import org.hotlinerelay.protocol.store.SyncedFiles;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * A folder of opaque entries (sealed envelopes only, never plaintext), each with its release
 * time, appended in batches to segment files ({@link SegmentFormat}) by one writer thread
 * ({@link SegmentWriter}), indexed in memory ({@link SpoolIndex}), recovered at start-up
 * ({@link Recovery}).
 *
 * <p>Durability: {@link #putAsync}'s future completes normally only after the entry's batch and
 * its segment's name are durable. A crash can leave a batch cut short at a segment's end: its
 * entries were never acknowledged. After a crash, whole records of a batch whose fsync failed may
 * come back and be delivered: an entry may reach the hotline without having been acknowledged,
 * never the reverse ({@code SegmentStoreTest}).
 *
 * <p>Deleting an entry forgets it; a segment file is deleted with its last entry (not fsynced: a
 * file that comes back after a crash is sent again, and the hotline de-duplicates by id). File
 * names are random and unrelated to the entries; every modification time is the epoch. What the
 * files still tell someone who reads the disk: how many entries a segment holds (its size), their
 * release times (which say in which window each was received), and when a segment was last written
 * (the inode change time, which Java cannot set); threat-model.md says so.
 */
public final class SegmentStore implements AutoCloseable {
  /**
   * A segment takes batches until the next would take it past this many bytes (one batch alone
   * may). Larger segments mean fewer files created and deleted; the price is that one entry the
   * hotline has not taken yet keeps up to this much on disk, and a crash re-sends up to this much.
   */
  static final long SEGMENT_BYTES = 8L * 1024 * 1024;

  private final Path dir;
  private final SpoolIndex index;
  private final SegmentWriter writer;
  private final int damaged;

  /**
   * The heap the spool's index takes for {@code quota}, all of it from the start
   * ({@link SpoolIndex#rowsFor}); {@link Long#MAX_VALUE} when no heap holds it.
   */
  public static long indexHeap(Quota quota) {
    return SpoolIndex.heapFor(quota);
  }

  /** Opens (or creates) the folder; {@code damagedDir} receives what does not check. */
  public SegmentStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync) throws IOException {
    this(dir, damagedDir, quota, folderSync, SEGMENT_BYTES, channel -> channel.force(true));
  }

  /** With the segment size and the batch fsync given: tests fill several segments or make the fsync fail. */
  SegmentStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync, long segmentBytes,
      SegmentWriter.BatchSync batchSync) throws IOException {
    this.dir = dir;
    int rows = SpoolIndex.rowsFor(quota);
    if (rows < 0) {
      throw new IllegalArgumentException("quota too large for the spool's index");
    }
    this.index = new SpoolIndex(quota, rows);
    DurableStore.createPrivateDirectory(dir);
    this.damaged = Recovery.load(dir, damagedDir, index, System.nanoTime());
    this.writer = new SegmentWriter(dir, index, segmentBytes, folderSync, batchSync);
  }

  /**
   * Starts storing {@code data} under {@code name} (32 hex digits), to be released at
   * {@code releaseAtMillis}. The future completes normally only once the entry is durable, or
   * exceptionally with {@link StoreFullException} (over quota: nothing was written) or
   * {@link IOException} (the disk failed: nothing may be acknowledged, nothing is kept). It
   * completes on the writer thread: continue on your own executor for real work.
   */
  public CompletableFuture<Void> putAsync(String name, byte[] data, long releaseAtMillis) {
    if (!Ids.isValid(name)) {
      throw new IllegalArgumentException("entry name must be 32 hex digits");
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (!index.reserve(data.length)) {
      result.completeExceptionally(new StoreFullException());
      return result;
    }
    int crc = SegmentFormat.crc(name, releaseAtMillis, ByteBuffer.wrap(data));
    if (!writer.offer(new SegmentWriter.Pending(name, data, releaseAtMillis, crc, result))) {
      index.release(data.length);
      result.completeExceptionally(new IOException("spool is closed"));
    }
    return result;
  }

  /** An entry read back; {@code intact} when its record's CRC-32C still matches. No bytes in {@code toString()}. */
  public record Entry(byte[] data, boolean intact) {
    @Override
    public String toString() {
      return "Entry[" + data.length + " bytes, intact=" + intact + "]";
    }
  }

  /** These entries, in order; null for a name not stored (any more). Entries that share a file are read through one open of it. */
  public List<Entry> read(List<String> names) throws IOException {
    List<Location> locations = new ArrayList<>(names.size());
    for (String name : names) {
      locations.add(index.get(name));
    }
    List<Entry> out = new ArrayList<>(names.size());
    String openFile = null;
    FileChannel channel = null;
    try {
      for (int i = 0; i < locations.size(); i++) {
        Location at = locations.get(i);
        if (at != null && !at.file().equals(openFile)) {
          if (channel != null) {
            channel.close();
          }
          openFile = at.file();
          channel = openOrNull(dir.resolve(openFile));
        }
        if (at == null || channel == null) {
          out.add(null);
          continue;
        }
        out.add(readEntry(channel, names.get(i), at));
      }
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
    return out;
  }

  /**
   * The entry's record, head and bytes: intact when the head still names it, with the release time
   * and length the index holds, and the head's CRC-32C matches.
   */
  private static Entry readEntry(FileChannel channel, String name, Location at) throws IOException {
    ByteBuffer record = ByteBuffer.allocate(SegmentFormat.HEAD_BYTES + at.length());
    if (SegmentFormat.readFully(channel, record, at.offset() - SegmentFormat.HEAD_BYTES) < record.capacity()) {
      throw new IOException("entry cut short");
    }
    ByteBuffer head = record.flip().slice(0, SegmentFormat.HEAD_BYTES);
    ByteBuffer data = record.slice(SegmentFormat.HEAD_BYTES, at.length());
    boolean intact = head.equals(SegmentFormat.head(name, at.releaseAtMillis(), at.length(), head.getInt(SegmentFormat.HEAD_BYTES - 4)))
        && SegmentFormat.crc(name, at.releaseAtMillis(), data) == head.getInt(SegmentFormat.HEAD_BYTES - 4);
    byte[] bytes = new byte[at.length()];
    data.get(bytes);
    return new Entry(bytes, intact);
  }

  /** The file open for reading, or null when it is gone (its last entry was deleted meanwhile). */
  private static FileChannel openOrNull(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  /** Forgets an entry; its file goes with its last entry. Unknown names are ignored. */
  public void delete(String name) throws IOException {
    String emptied = index.remove(name);
    if (emptied != null) {
      Files.deleteIfExists(dir.resolve(emptied));
    }
  }

  /** Writes the entry durably as a file of its own in {@code otherDir} (quarantine), then forgets it here. */
  public void moveTo(String name, Path otherDir) throws IOException {
    Entry entry = read(List.of(name)).get(0);
    if (entry == null) {
      throw new NoSuchFileException("no such entry");
    }
    DurableStore.createPrivateDirectory(otherDir);
    Path temp = otherDir.resolve(SegmentWriter.TEMP_PREFIX + name);
    try {
      SyncedFiles.writeSynced(temp, entry.data());
      Files.move(temp, otherDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      SegmentWriter.deleteQuietly(temp);
      throw e;
    }
    DurableStore.syncDirectory(otherDir);
    delete(name);
  }

  /** Up to {@code max} entries released at or before {@code nowMillis}, oldest written first. */
  public List<String> due(long nowMillis, int max) {
    return index.due(nowMillis, max);
  }

  /** True when the quota is reached: a {@link #putAsync} now would be refused. Two counters read. */
  public boolean full() {
    return index.full();
  }

  public int count() {
    return index.count();
  }

  /** How long the oldest entry has been here; kept in memory only, files carry no write time. */
  public Duration oldestAge() {
    return index.oldestAge();
  }

  /** Files with damaged parts found at start-up (moved to the damaged folder). */
  public int damagedAtStart() {
    return damaged;
  }

  /** Entries already taken are written (and answered) before the writer stops. */
  @Override
  public void close() throws InterruptedException {
    writer.close();
  }

  @Override
  public String toString() {
    return "SegmentStore[" + count() + " entries]";
  }
}
