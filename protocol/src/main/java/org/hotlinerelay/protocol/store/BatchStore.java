package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinerelay.protocol.report.Ids;

/**
 * A folder of opaque entries (sealed envelopes only — never plaintext) written in batches: every
 * entry waiting when a writer thread is free goes into one new file, made durable with one file
 * fsync and one folder fsync. On this machine's disk a durable file costs about 0.75 ms of kernel
 * time whatever its size, so one file per entry capped the relay near 2,500 reports/s; a batch
 * shares that cost (README, "The spool").
 *
 * <p>Durability is the same as {@link DurableStore}'s: a batch is written to a temporary name,
 * its modification time set to the epoch, fsynced, renamed atomically, and the folder fsynced
 * (group commit, {@link DirectorySync}); only then are its entries listed and their futures
 * completed. A crash leaves a whole batch or none of it: temporary files are deleted at start-up.
 * Enforced by {@code BatchStoreTest#putAsync_completesOnlyAfterFolderFsync} and
 * {@code BatchStoreTest#putAsync_folderFsyncFails_failsAndKeepsNothing}.
 *
 * <p>Deleting an entry forgets it; its file is deleted with its last entry (not fsynced: a file
 * that comes back after a crash is sent again, and the hotline de-duplicates by id). After a
 * restart, entries deleted from a file that still holds others are found again, so a crash
 * re-sends at most one batch's worth ({@code BatchStoreTest#restart_findsUndeletedEntriesAndTheRestOfTheirFile}).
 *
 * <p>File names are random and unrelated to the entries' names; every modification time is the
 * epoch. What the files still tell someone who reads the disk: how many entries arrived together
 * (a file's size), and when each batch was written (the inode change time, which Java cannot set);
 * threat-model.md says so.
 *
 * <p>File format: {@code HRB1}, then per entry its 32-character name, a 4-byte big-endian length
 * and the bytes. A file without that header is one entry named by the file (the format of
 * {@link DurableStore}, so a spool written by an earlier version is still delivered). A header
 * file that does not parse is moved, whole, to the {@code damaged} folder at start-up: never
 * deleted.
 */
public final class BatchStore implements AutoCloseable {
  static final byte[] MAGIC = "HRB1".getBytes(StandardCharsets.US_ASCII);
  /** Most entries in one file (about 1.5 MB of envelopes). */
  static final int MAX_BATCH = 64;
  /**
   * Batches being written and fsynced at once. One: the folder fsync runs on its own thread, so
   * the next batch is written while the last one's rename is made durable. Two writers made
   * smaller batches, and creating their files cost 9% of a loaded relay's CPU against 3.6% (ext4
   * file creation contends with a concurrent fsync); the relay took more reports with one.
   */
  static final int WRITERS = 1;
  private static final int NAME_BYTES = 32;
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path dir;
  private final Quota quota;
  private final DirectorySync dirSync;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  /** Entry name → where it is. Guarded by {@code this}. */
  private final Map<String, Location> entries = new LinkedHashMap<>();
  /**
   * File name → how many of its entries are not yet deleted, and when it was written (in memory
   * only; files found at start-up count from then). Guarded by {@code this}. A count, not the
   * names: the spool's index is what a relay's heap holds during a long hotline outage (100,000
   * entries at the default quota), and a set of names per file cost 5 MB of it. In the order the
   * files were written, so the first is the oldest.
   */
  private final Map<String, FileEntries> files = new LinkedHashMap<>();
  private final long openedAtNanos = System.nanoTime();
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private final int damaged;
  private volatile boolean closed;

  private record Location(String file, long offset, int length) {}

  /** A batch file's live entries and when it was written ({@link System#nanoTime}). */
  private static final class FileEntries {
    final long writtenAtNanos;
    int live;

    FileEntries(long writtenAtNanos) {
      this.writtenAtNanos = writtenAtNanos;
    }
  }

  private record Pending(String name, byte[] data, CompletableFuture<Void> done) {}

  /** Opens (or creates) the folder; {@code damagedDir} receives files that do not parse. */
  public BatchStore(Path dir, Path damagedDir, Quota quota) throws IOException {
    this(dir, damagedDir, quota, DurableStore::syncDirectory);
  }

  /** With the folder fsync given: tests hold it back or make it fail. */
  public BatchStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync) throws IOException {
    this.dir = dir;
    this.quota = quota;
    DurableStore.createPrivateDirectory(dir);
    this.damaged = load(damagedDir);
    DurableStore.syncDirectory(dir);
    this.dirSync = new DirectorySync(dir, folderSync);
    for (int i = 1; i <= WRITERS; i++) {
      Thread t = new Thread(this::writeBatches, "store-batch-write-" + i);
      t.setDaemon(true);
      writers.add(t);
      t.start();
    }
  }

  private int load(Path damagedDir) throws IOException {
    int moved = 0;
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
      for (Path file : found) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
          Files.deleteIfExists(file);
        } else if (Ids.isValid(name)) {
          Map<String, Location> index = index(file);
          if (index == null) {
            DurableStore.createPrivateDirectory(damagedDir);
            Files.move(file, damagedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            DurableStore.syncDirectory(damagedDir);
            moved++;
          } else {
            synchronized (this) {
              index.forEach((entry, at) -> add(entry, at));
            }
          }
        }
      }
    }
    return moved;
  }

  /** The entries of one file, or null when it does not parse. */
  private static Map<String, Location> index(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    Map<String, Location> index = new LinkedHashMap<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      channel.read(magic, 0);
      if (magic.position() < MAGIC.length || !Arrays.equals(magic.array(), MAGIC)) {
        index.put(fileName, new Location(fileName, 0, (int) Math.min(size, Integer.MAX_VALUE)));
        return index;
      }
      long at = MAGIC.length;
      ByteBuffer head = ByteBuffer.allocate(NAME_BYTES + 4);
      while (at < size) {
        head.clear();
        if (at + head.capacity() > size || channel.read(head, at) < head.capacity()) {
          return null;
        }
        String name = new String(head.array(), 0, NAME_BYTES, StandardCharsets.US_ASCII);
        int length = head.getInt(NAME_BYTES);
        long start = at + head.capacity();
        if (!Ids.isValid(name) || length < 0 || start + length > size) {
          return null;
        }
        index.put(name, new Location(fileName, start, length));
        at = start + length;
      }
    }
    return index;
  }

  private void add(String name, Location at) {
    if (entries.put(name, at) == null) {
      count.incrementAndGet();
      bytes.addAndGet(at.length());
    }
    files.computeIfAbsent(at.file(), f -> new FileEntries(openedAtNanos)).live++;
  }

  /**
   * Starts storing {@code data} under {@code name} (32 hex digits). The future completes normally
   * only once the entry is durable (in a file fsynced, renamed, and the folder fsynced after the
   * rename), or exceptionally with {@link StoreFullException} (over quota: nothing was written) or
   * {@link IOException} (the disk failed: nothing may be acknowledged, nothing is kept). It
   * completes on one of the store's threads: continue on your own executor for real work.
   */
  public CompletableFuture<Void> putAsync(String name, byte[] data) {
    if (!Ids.isValid(name)) {
      throw new IllegalArgumentException("entry name must be 32 hex digits");
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (count.incrementAndGet() > quota.maxEntries() | bytes.addAndGet(data.length) > quota.maxBytes()) {
      release(data.length);
      result.completeExceptionally(new StoreFullException());
      return result;
    }
    synchronized (queue) {
      if (closed) {
        release(data.length);
        result.completeExceptionally(new IOException("store is closed"));
        return result;
      }
      queue.add(new Pending(name, data, result));
    }
    return result;
  }

  /** {@link #putAsync}, waiting: returns once the entry is durable. */
  public void put(String name, byte[] data) throws StoreFullException, IOException, InterruptedException {
    DurableStore.await(putAsync(name, data));
  }

  private void release(int size) {
    count.decrementAndGet();
    bytes.addAndGet(-size);
  }

  private void writeBatches() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
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
  }

  private void write(List<Pending> batch) {
    String fileName = Ids.random();
    Path temp = dir.resolve(TEMP_PREFIX + fileName);
    Path target = dir.resolve(fileName);
    Map<String, Location> index = new LinkedHashMap<>();
    ByteBuffer[] buffers = new ByteBuffer[1 + 2 * batch.size()];
    buffers[0] = ByteBuffer.wrap(MAGIC);
    long at = MAGIC.length;
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      ByteBuffer head = ByteBuffer.allocate(NAME_BYTES + 4);
      head.put(p.name().getBytes(StandardCharsets.US_ASCII)).putInt(p.data().length).flip();
      buffers[1 + 2 * i] = head;
      buffers[2 + 2 * i] = ByteBuffer.wrap(p.data());
      at += head.remaining();
      index.put(p.name(), new Location(fileName, at, p.data().length));
      at += p.data().length;
    }
    try {
      SyncedFiles.writeSynced(temp, buffers);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      fail(batch, e instanceof IOException io ? io : new IOException("batch write failed", e));
      return;
    }
    CompletableFuture<Void> synced = new CompletableFuture<>();
    synced.whenComplete((ok, error) -> {
      if (error == null) {
        synchronized (this) {
          FileEntries file = new FileEntries(System.nanoTime());
          files.put(fileName, file);
          index.forEach((name, location) -> {
            entries.put(name, location);
            file.live++;
          });
        }
        batch.forEach(p -> p.done().complete(null));
      } else {
        deleteQuietly(target);
        fail(batch, error);
      }
    });
    dirSync.after(synced);
  }

  private void fail(List<Pending> batch, Throwable error) {
    for (Pending p : batch) {
      if (!p.done().isDone()) {
        release(p.data().length);
        p.done().completeExceptionally(error);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temporary file is swept at start-up; a renamed one would only be delivered (at least once).
    }
  }

  /** Names of all stored entries, oldest file first as far as known. */
  public synchronized List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** True when an entry of this name is stored. */
  public synchronized boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The entry's bytes. */
  public byte[] read(String name) throws IOException {
    byte[] data = read(List.of(name)).get(0);
    if (data == null) {
      throw new NoSuchFileException("no such entry");
    }
    return data;
  }

  /**
   * These entries' bytes, in order; null for a name not stored (any more). Entries that share a
   * file are read through one open of it: the forwarder reads a batch of entries that mostly
   * arrived together, and an open per entry was a fifth of its time.
   */
  public List<byte[]> read(List<String> names) throws IOException {
    List<Location> locations = new ArrayList<>(names.size());
    synchronized (this) {
      for (String name : names) {
        locations.add(entries.get(name));
      }
    }
    List<byte[]> out = new ArrayList<>(names.size());
    String openFile = null;
    FileChannel channel = null;
    try {
      for (Location at : locations) {
        if (at != null && !at.file().equals(openFile)) {
          if (channel != null) {
            channel.close();
          }
          openFile = at.file();
          channel = openOrNull(dir.resolve(openFile));
        }
        out.add(at == null || channel == null ? null : readFully(channel, at));
      }
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
    return out;
  }

  /** The file open for reading, or null when it is gone (its last entry was deleted meanwhile). */
  private static FileChannel openOrNull(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  private static byte[] readFully(FileChannel channel, Location at) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(at.length());
    while (data.hasRemaining()) {
      if (channel.read(data, at.offset() + data.position()) < 0) {
        throw new IOException("entry cut short");
      }
    }
    return data.array();
  }

  /**
   * Forgets an entry (after the hotline acknowledged it); its file goes with its last entry.
   * Unknown names are ignored.
   */
  public void delete(String name) throws IOException {
    String emptied = null;
    synchronized (this) {
      Location at = entries.remove(name);
      if (at == null) {
        return;
      }
      release(at.length());
      FileEntries file = files.get(at.file());
      if (file != null && --file.live == 0) {
        files.remove(at.file());
        emptied = at.file();
      }
    }
    if (emptied != null) {
      Files.deleteIfExists(dir.resolve(emptied));
    }
  }

  /** Writes the entry durably as a file of its own in {@code otherDir} (quarantine), then forgets it here. */
  public void moveTo(String name, Path otherDir) throws IOException {
    byte[] data = read(name);
    DurableStore.createPrivateDirectory(otherDir);
    Path temp = otherDir.resolve(TEMP_PREFIX + name);
    try {
      SyncedFiles.writeSynced(temp, data);
      Files.move(temp, otherDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw e;
    }
    DurableStore.syncDirectory(otherDir);
    delete(name);
  }

  public int count() {
    return Math.max(0, count.get());
  }

  /**
   * How long the oldest stored entry has been here: since its batch was written, or since the
   * store was opened for entries found then. Kept in memory only; files carry no time.
   */
  public synchronized java.time.Duration oldestAge() {
    if (files.isEmpty()) {
      return java.time.Duration.ZERO;
    }
    return java.time.Duration.ofNanos(System.nanoTime() - files.values().iterator().next().writtenAtNanos);
  }

  public long bytes() {
    return Math.max(0, bytes.get());
  }

  /** Files that did not parse at start-up and were moved to the damaged folder. */
  public int damagedAtStart() {
    return damaged;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Reads every entry in a store folder without opening it as a store (for tests and tools that
   * inspect a spool another process owns). Files that do not parse are skipped.
   */
  public static Map<String, byte[]> readAll(Path dir) throws IOException {
    Map<String, byte[]> all = new LinkedHashMap<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
      for (Path file : found) {
        if (!Ids.isValid(file.getFileName().toString())) {
          continue;
        }
        Map<String, Location> index;
        try {
          index = index(file);
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (index == null) {
          continue;
        }
        byte[] content;
        try {
          content = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
          continue;
        }
        index.forEach((name, at) ->
            all.put(name, Arrays.copyOfRange(content, (int) at.offset(), (int) at.offset() + at.length())));
      }
    }
    return all;
  }

  /** Names of the entries in one file (tests). */
  static Set<String> entriesOf(Path file) throws IOException {
    Map<String, Location> index = index(file);
    return index == null ? Set.of() : index.keySet();
  }

  /** Entries already taken are written (and answered) before the threads stop. */
  @Override
  public void close() throws InterruptedException {
    synchronized (queue) {
      closed = true;
    }
    for (Thread writer : writers) {
      writer.join(TimeUnit.MINUTES.toMillis(1));
    }
    dirSync.close();
  }

  @Override
  public String toString() {
    return "BatchStore[" + count() + " entries]";
  }
}
