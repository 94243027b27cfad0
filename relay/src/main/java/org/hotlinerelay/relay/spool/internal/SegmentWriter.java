// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.SyncedFiles;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * The spool's one writer thread: every entry waiting when it is free is appended, as one batch, to
 * the current segment and made durable with one fsync; only then are the entries indexed and
 * their futures completed.
 *
 * <p>A segment is created under a temporary name with its magic, fsynced, renamed and the folder
 * fsynced before any entry goes into it. A failed write abandons its segment (cut back to where
 * the batch began, not fsynced) and the next batch starts a new one. Every path that creates,
 * extends or cuts a segment sets its modification time back to the epoch, failures included
 * ({@code SegmentStoreTest#put_batchFsyncFails_leavesTheSegmentAtTheEpoch}).
 */
final class SegmentWriter {
  /** Most entries in one batch. */
  static final int MAX_BATCH = 64;
  static final String TEMP_PREFIX = ".tmp-";

  /** How a batch appended to a segment is made durable: an fsync in production; tests make it fail. */
  @FunctionalInterface
  interface BatchSync {
    void sync(FileChannel segment) throws IOException;
  }

  /** An entry waiting for the writer, with its record's CRC (computed by the caller, off this thread). */
  record Pending(String name, byte[] data, long releaseAtMillis, int crc, CompletableFuture<Void> done) {}

  /** An open segment: its name, its channel (positioned at its end) and its size. */
  private static final class Segment {
    final String name;
    final FileChannel channel;
    long size;

    Segment(String name, FileChannel channel, long size) {
      this.name = name;
      this.channel = channel;
      this.size = size;
    }
  }

  private final Path dir;
  private final SpoolIndex index;
  private final long segmentBytes;
  private final DurableStore.FolderSync folderSync;
  private final BatchSync batchSync;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  /** Writer thread only. */
  private Segment current;

  SegmentWriter(Path dir, SpoolIndex index, long segmentBytes, DurableStore.FolderSync folderSync, BatchSync batchSync) {
    this.dir = dir;
    this.index = index;
    this.segmentBytes = segmentBytes;
    this.folderSync = folderSync;
    this.batchSync = batchSync;
    this.thread = new Thread(this::run, "spool-write");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues an entry (its room in the index already reserved); false once closed. */
  boolean offer(Pending pending) {
    synchronized (queue) {
      if (closed) {
        return false;
      }
      queue.add(pending);
      return true;
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (true) {
        try {
          Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            if (closed && queue.isEmpty()) {
              return;
            }
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          write(batch);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException | Error e) {
          fail(batch, new IOException("batch write failed", e));
        }
        batch = new ArrayList<>(MAX_BATCH);
      }
    } finally {
      retire(current);
      current = null;
    }
  }

  private void write(List<Pending> batch) {
    ByteBuffer[] buffers = new ByteBuffer[2 * batch.size()];
    long batchBytes = 0;
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      buffers[2 * i] = SegmentFormat.head(p.name(), p.releaseAtMillis(), p.data().length, p.crc());
      buffers[2 * i + 1] = ByteBuffer.wrap(p.data());
      batchBytes += SegmentFormat.HEAD_BYTES + p.data().length;
    }
    Segment segment;
    try {
      segment = reserve(batch.size(), batchBytes);
    } catch (IOException | RuntimeException e) {
      fail(batch, e instanceof IOException io ? io : new IOException("segment not created", e));
      return;
    }
    long start = segment.size;
    try {
      if (start + batchBytes > Integer.MAX_VALUE) {
        throw new IOException("batch too large for a segment"); // locations are ints
      }
      while (buffers[buffers.length - 1].hasRemaining()) {
        segment.channel.write(buffers);
      }
      // Before the fsync, so the fixed time is durable with the data.
      atEpoch(segment.name);
      batchSync.sync(segment.channel);
    } catch (IOException | RuntimeException e) {
      abandon(segment, start, batch.size());
      fail(batch, e instanceof IOException io ? io : new IOException("batch write failed", e));
      return;
    }
    segment.size = start + batchBytes;
    long now = System.nanoTime();
    Map<String, Location> written = new LinkedHashMap<>();
    long at = start;
    for (Pending p : batch) {
      at += SegmentFormat.HEAD_BYTES;
      written.put(p.name(), new Location(segment.name, (int) at, p.data().length, p.releaseAtMillis(), now));
      at += p.data().length;
    }
    index.written(written);
    batch.forEach(p -> p.done().complete(null));
  }

  /**
   * The segment this batch goes into, its live count already raised by the batch so that no
   * delete removes it meanwhile: the current one while it is still there and has room, else a
   * new one.
   */
  private Segment reserve(int entryCount, long batchBytes) throws IOException {
    if (current != null) {
      boolean room = current.size == SegmentFormat.MAGIC.length || current.size + batchBytes <= segmentBytes;
      if (room && index.raise(current.name, entryCount)) {
        return current;
      }
      retire(current);
      current = null;
    }
    Segment created = create();
    index.newFile(created.name, entryCount);
    current = created;
    return created;
  }

  /** A new segment: magic written, fsynced, renamed into place and the folder fsynced. */
  private Segment create() throws IOException {
    String name = Ids.random();
    Path temp = dir.resolve(TEMP_PREFIX + name);
    Path target = dir.resolve(name);
    FileChannel channel = FileChannel.open(temp, SyncedFiles.NEW, SyncedFiles.OWNER_ONLY);
    try {
      channel.write(ByteBuffer.wrap(SegmentFormat.MAGIC));
      Files.setLastModifiedTime(temp, SyncedFiles.FIXED_TIME);
      channel.force(true);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      folderSync.sync(dir);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      deleteQuietly(temp);
      deleteQuietly(target);
      throw e;
    }
    return new Segment(name, channel, SegmentFormat.MAGIC.length);
  }

  /**
   * After a failed write nothing more goes into this segment: it is cut back to where the batch
   * began (best effort; reading stops at a cut-short or damaged record anyway), its modification
   * time set back to the epoch (the cut changed it), its count lowered again, and it is closed
   * (deleted when nothing is left in it).
   */
  private void abandon(Segment segment, long batchStart, int entryCount) {
    try {
      segment.channel.truncate(batchStart);
    } catch (IOException | RuntimeException ignored) {
      // Reading at start-up stops before what this write left.
    }
    try {
      atEpoch(segment.name);
    } catch (IOException | RuntimeException ignored) {
      // The disk is failing; the next start-up sets every segment's time again (Recovery).
    }
    index.lower(segment.name, entryCount);
    retire(segment);
    current = null;
  }

  /** Stops writing into {@code segment}: closes it, and deletes it now if nothing is left in it. */
  private void retire(Segment segment) {
    if (segment == null) {
      return;
    }
    closeQuietly(segment.channel);
    if (index.forgetIfEmpty(segment.name)) {
      deleteQuietly(dir.resolve(segment.name));
    }
  }

  private void atEpoch(String segment) throws IOException {
    Files.setLastModifiedTime(dir.resolve(segment), SyncedFiles.FIXED_TIME);
  }

  private void fail(List<Pending> batch, Throwable error) {
    for (Pending p : batch) {
      if (!p.done().isDone()) {
        index.release(p.data().length);
        p.done().completeExceptionally(error);
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a channel after a failed or finished write: nothing is left to lose.
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temporary file is swept at start-up; a renamed one would only be delivered (at least once).
    }
  }

  /** Entries already taken are written (and answered) before the thread stops. */
  void close() throws InterruptedException {
    synchronized (queue) {
      closed = true;
    }
    thread.join(TimeUnit.MINUTES.toMillis(1));
  }
}
