package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import org.hotlinerelay.protocol.store.SegmentFormat.Contents;
import org.hotlinerelay.protocol.store.SegmentFormat.Location;

/**
 * A folder of opaque entries (sealed envelopes only — never plaintext) written in batches: every
 * entry waiting when the writer thread is free is appended, as one batch, to the current segment
 * file and made durable with one fsync. On this machine's disk a durable new file costs about
 * 0.75 ms of kernel time whatever its size, so one file per entry capped the relay near 2,500
 * reports/s; a file per batch still spent a tenth of a loaded relay's CPU creating, renaming and
 * deleting files. A segment is created once for about {@value #SEGMENT_BYTES} bytes of entries
 * (README, "The spool").
 *
 * <p>Durability: a segment is created under a temporary name with its header, fsynced, renamed
 * and the folder fsynced before any entry goes into it; a batch is appended, the file's
 * modification time set back to the epoch, and the file fsynced; only then are its entries
 * listed and their futures completed. A crash can leave a batch cut short at a segment's end: its
 * entries were never acknowledged; the whole entries before it are kept, and the cut bytes are
 * moved to the damaged folder like any other part that does not check ({@link SegmentFormat}).
 * A failed write abandons its segment (cut back to where the batch began, not fsynced) and the
 * next batch starts a new one; after a crash, whole records of a batch whose fsync failed may come
 * back and be delivered. An entry may thus reach the hotline without having been acknowledged,
 * never the reverse. Enforced by {@code BatchStoreTest#putAsync_completesOnlyAfterFolderFsync},
 * {@code BatchStoreTest#putAsync_folderFsyncFails_failsAndKeepsNothing} and
 * {@code BatchStoreTest#restart_afterAWriteCutShort_keepsEveryWholeEntry_andMovesTheCutBytesAside}.
 *
 * <p>Deleting an entry forgets it; a segment file is deleted with its last entry (not fsynced: a
 * file that comes back after a crash is sent again, and the hotline de-duplicates by id), the
 * current one too, so delivered envelopes do not wait on disk for a segment to fill. After a
 * restart, entries deleted from a file that still holds others are found again, so a crash
 * re-sends at most a segment's worth
 * ({@code BatchStoreTest#restart_findsUndeletedEntriesAndTheRestOfTheirFile}).
 *
 * <p>File names are random and unrelated to the entries' names; every modification time is the
 * epoch. What the files still tell someone who reads the disk: how many entries a segment holds
 * (its size), and when it was last written (the inode change time, which Java cannot set);
 * threat-model.md says so.
 *
 * <p>What does not check at start-up (a record cut short, or damaged) is moved to the
 * {@code damaged} folder with everything after it, never deleted, and the entries before it are
 * kept.
 */
public final class BatchStore implements AutoCloseable {
  /** Most entries in one batch (about 1.5 MB of envelopes). */
  static final int MAX_BATCH = 64;
  /**
   * A segment takes batches until the next would take it past this many bytes (one batch alone
   * may). Creating a segment (two fsyncs, a rename) costs about 0.3 ms of the relay's CPU
   * whatever its size, deleting one 0.25 ms at 1.5 MiB and 0.8 ms at 8 MiB: with 1.5 MiB
   * segments, about 100 a second under load.sh, the two took 3.5 % of the relay's CPU, with
   * 8 MiB 1.5 % (async-profiler). The price: a segment pinned on disk by one entry the hotline
   * has not taken yet holds up to 8 MiB, and a crash re-sends up to a segment's worth.
   */
  static final long SEGMENT_BYTES = 8L * 1024 * 1024;
  /**
   * Batches being written and fsynced at once. One: two writers made smaller batches, and
   * creating their files contended with each other's fsync (ext4); the relay took more reports
   * with one.
   */
  static final int WRITERS = 1;
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path dir;
  private final long segmentBytes;
  private final Quota quota;
  private final DurableStore.FolderSync folderSync;
  private final BatchSync batchSync;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  /** Entry name → where it is, in the order written (so the first is the oldest). Guarded by {@code this}. */
  private final Map<String, Location> entries = new LinkedHashMap<>();
  /**
   * File name → how many of its entries are not yet deleted, counting a batch being appended
   * (so that no delete removes a file a write is going into). Guarded by {@code this}. A count,
   * not the names: the spool's index is what a relay's heap holds during a long hotline outage
   * (100,000 entries at the default quota), and a set of names per file cost 5 MB of it.
   */
  private final Map<String, int[]> live = new HashMap<>();
  /** The segment batches go into; its name is in {@link #live} while it may be written. Writer thread only. */
  private Segment current;
  private final long openedAtNanos = System.nanoTime();
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private final int damaged;
  private volatile boolean closed;

  /** An entry waiting for the writer, with its record's CRC (computed by the caller, off the one writer thread). */
  private record Pending(String name, byte[] data, int crc, CompletableFuture<Void> done) {}

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

  /** Opens (or creates) the folder; {@code damagedDir} receives what does not parse. */
  public BatchStore(Path dir, Path damagedDir, Quota quota) throws IOException {
    this(dir, damagedDir, quota, DurableStore::syncDirectory);
  }

  /** With the folder fsync given: tests hold it back or make it fail. */
  public BatchStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync) throws IOException {
    this(dir, damagedDir, quota, folderSync, SEGMENT_BYTES);
  }

  /** With the segment size given: tests fill several segments with few entries. */
  BatchStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync, long segmentBytes)
      throws IOException {
    this(dir, damagedDir, quota, folderSync, segmentBytes, channel -> channel.force(true));
  }

  /** How a batch appended to a segment is made durable: an fsync in production; tests make it fail. */
  @FunctionalInterface
  interface BatchSync {
    void sync(FileChannel segment) throws IOException;
  }

  BatchStore(Path dir, Path damagedDir, Quota quota, DurableStore.FolderSync folderSync, long segmentBytes,
      BatchSync batchSync) throws IOException {
    this.dir = dir;
    this.quota = quota;
    this.folderSync = folderSync;
    this.segmentBytes = segmentBytes;
    this.batchSync = batchSync;
    DurableStore.createPrivateDirectory(dir);
    this.damaged = load(damagedDir);
    DurableStore.syncDirectory(dir);
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
        synchronized (this) {
          for (Map.Entry<String, Location> entry : contents.entries().entrySet()) {
            added += add(entry.getKey(), entry.getValue()) ? 1 : 0;
          }
        }
        if (added == 0) {
          // Nothing acknowledged is in it that another file does not hold (or it was moved whole).
          Files.deleteIfExists(file);
        }
      }
    }
    return moved;
  }

  /**
   * Copies {@code file} from {@code from} to its end into {@code damagedDir} (same name), durably,
   * then cuts those bytes from {@code file}, so that they are moved aside once, never deleted.
   */
  private static void moveAside(Path file, long from, Path damagedDir) throws IOException {
    DurableStore.createPrivateDirectory(damagedDir);
    String name = file.getFileName().toString();
    Path temp = damagedDir.resolve(TEMP_PREFIX + name);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer rest = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, in.size() - from));
      SegmentFormat.readFully(in, rest, from);
      rest.flip();
      SyncedFiles.writeSynced(temp, rest);
      Files.move(temp, damagedDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      DurableStore.syncDirectory(damagedDir);
      in.truncate(from);
      in.force(true);
    }
  }

  /** Lists an entry found at start-up; false when another file already holds one of that name. */
  private boolean add(String name, Location at) {
    if (entries.putIfAbsent(name, at) != null) {
      return false;
    }
    count.incrementAndGet();
    bytes.addAndGet(at.length());
    live.computeIfAbsent(at.file(), f -> new int[1])[0]++;
    return true;
  }

  /**
   * Starts storing {@code data} under {@code name} (32 hex digits). The future completes normally
   * only once the entry is durable (appended to a segment whose name is durable in the folder, and
   * fsynced), or exceptionally with {@link StoreFullException} (over quota: nothing was written) or
   * {@link IOException} (the disk failed: nothing may be acknowledged, nothing is kept). It
   * completes on the store's writer thread: continue on your own executor for real work.
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
    int crc = SegmentFormat.crc(name, data);
    synchronized (queue) {
      if (closed) {
        release(data.length);
        result.completeExceptionally(new IOException("store is closed"));
        return result;
      }
      queue.add(new Pending(name, data, crc, result));
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
      buffers[2 * i] = SegmentFormat.head(p.name(), p.data(), p.crc());
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
      Files.setLastModifiedTime(dir.resolve(segment.name), SyncedFiles.FIXED_TIME);
      batchSync.sync(segment.channel);
    } catch (IOException | RuntimeException e) {
      abandon(segment, start, batch.size());
      fail(batch, e instanceof IOException io ? io : new IOException("batch write failed", e));
      return;
    }
    segment.size = start + batchBytes;
    long now = System.nanoTime();
    synchronized (this) {
      long at = start;
      for (Pending p : batch) {
        at += SegmentFormat.HEAD_BYTES;
        entries.put(p.name(), new Location(segment.name, (int) at, p.data().length, p.crc(), true, now));
        at += p.data().length;
      }
    }
    batch.forEach(p -> p.done().complete(null));
  }

  /**
   * The segment this batch goes into, its live count already raised by the batch so that no
   * delete removes it meanwhile: the current one while it is still there and has room, else a
   * new one.
   */
  private Segment reserve(int entryCount, long batchBytes) throws IOException {
    if (current != null) {
      synchronized (this) {
        int[] counted = live.get(current.name);
        boolean room = current.size == SegmentFormat.SEGMENT_MAGIC.length || current.size + batchBytes <= segmentBytes;
        if (counted != null && room) {
          counted[0] += entryCount;
          return current;
        }
      }
      retire(current);
      current = null;
    }
    Segment created = create();
    synchronized (this) {
      live.put(created.name, new int[] {entryCount});
    }
    current = created;
    return created;
  }

  /** A new segment: header written, fsynced, renamed into place and the folder fsynced. */
  private Segment create() throws IOException {
    String name = Ids.random();
    Path temp = dir.resolve(TEMP_PREFIX + name);
    Path target = dir.resolve(name);
    FileChannel channel = FileChannel.open(temp, SyncedFiles.NEW, SyncedFiles.OWNER_ONLY);
    try {
      channel.write(ByteBuffer.wrap(SegmentFormat.SEGMENT_MAGIC));
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
    return new Segment(name, channel, SegmentFormat.SEGMENT_MAGIC.length);
  }

  /**
   * After a failed write nothing more goes into this segment: it is cut back to where the batch
   * began (best effort; reading stops at a cut-short or damaged record anyway), its count lowered
   * again, and it is closed (deleted when nothing is left in it).
   */
  private void abandon(Segment segment, long batchStart, int entryCount) {
    try {
      segment.channel.truncate(batchStart);
    } catch (IOException | RuntimeException ignored) {
      // Reading at start-up stops before what this write left.
    }
    synchronized (this) {
      int[] counted = live.get(segment.name);
      if (counted != null) {
        counted[0] -= entryCount;
      }
    }
    retire(segment);
    current = null;
  }

  /** Stops writing into {@code segment}: closes it, and deletes it now if nothing is left in it. */
  private void retire(Segment segment) {
    if (segment == null) {
      return;
    }
    closeQuietly(segment.channel);
    boolean empty;
    synchronized (this) {
      int[] counted = live.get(segment.name);
      empty = counted != null && counted[0] <= 0;
      if (empty) {
        live.remove(segment.name);
      }
    }
    if (empty) {
      deleteQuietly(dir.resolve(segment.name));
    }
  }

  private void fail(List<Pending> batch, Throwable error) {
    for (Pending p : batch) {
      if (!p.done().isDone()) {
        release(p.data().length);
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temporary file is swept at start-up; a renamed one would only be delivered (at least once).
    }
  }

  /** Names of all stored entries, oldest first. */
  public synchronized List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** True when an entry of this name is stored. */
  public synchronized boolean contains(String name) {
    return entries.containsKey(name);
  }

  /** The entry's bytes. */
  public byte[] read(String name) throws IOException {
    Entry entry = read(List.of(name)).get(0);
    if (entry == null) {
      throw new NoSuchFileException("no such entry");
    }
    return entry.bytes();
  }

  /**
   * An entry read back: its bytes from {@link #data()}'s position to its limit. {@code checked}:
   * its record's CRC-32C matched, so these are exactly the bytes that were put (a segment's
   * record); false for an entry of an earlier format (no CRC) or one whose bytes changed on disk
   * since. Its {@code toString()} holds no bytes.
   */
  public record Entry(ByteBuffer data, boolean checked) {
    /** A view of the bytes: its own position and limit, the same bytes. */
    @Override
    public ByteBuffer data() {
      return data.duplicate();
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
      byte[] out = new byte[data.remaining()];
      data.duplicate().get(out);
      return out;
    }

    @Override
    public String toString() {
      return "Entry[" + data.remaining() + " bytes, checked=" + checked + "]";
    }
  }

  /**
   * These entries, in order; null for a name not stored (any more). Entries that share a file are
   * read through one open of it: the forwarder reads a batch of entries that mostly arrived
   * together, and an open per entry was a fifth of its time.
   */
  public List<Entry> read(List<String> names) throws IOException {
    return read(names, null);
  }

  /**
   * As {@link #read(List)}, the entries read one after another into {@code scratch} from its
   * position, and given as parts of it (valid until the caller uses it again); an entry that does
   * not fit in what is left of it gets a buffer of its own. The forwarder reads through one
   * direct buffer per thread: not a new 22 KB array per envelope, nor the JDK's copy of every
   * read through a direct buffer of its own into that array.
   */
  public List<Entry> read(List<String> names, ByteBuffer scratch) throws IOException {
    List<Location> locations = new ArrayList<>(names.size());
    synchronized (this) {
      for (String name : names) {
        locations.add(entries.get(name));
      }
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
        } else {
          ByteBuffer data = readFully(channel, at, scratch);
          out.add(new Entry(data, at.checked() && SegmentFormat.crc(names.get(i), data) == at.crc()));
        }
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

  /**
   * The entry's bytes (position 0, limit its length): in {@code scratch} when they fit, which
   * then moves past them, else in a buffer of their own.
   */
  private static ByteBuffer readFully(FileChannel channel, Location at, ByteBuffer scratch) throws IOException {
    boolean fits = scratch != null && scratch.remaining() >= at.length();
    ByteBuffer data = fits ? scratch.slice(scratch.position(), at.length()) : ByteBuffer.allocate(at.length());
    if (SegmentFormat.readFully(channel, data, at.offset()) < at.length()) {
      throw new IOException("entry cut short");
    }
    if (fits) {
      scratch.position(scratch.position() + at.length());
    }
    return data.flip();
  }

  /**
   * Forgets an entry (after the hotline acknowledged it); its file goes with its last entry, the
   * segment being written included (the next batch starts a new one). Unknown names are ignored.
   */
  public void delete(String name) throws IOException {
    String emptied = null;
    synchronized (this) {
      Location at = entries.remove(name);
      if (at == null) {
        return;
      }
      release(at.length());
      int[] counted = live.get(at.file());
      if (counted != null && --counted[0] == 0) {
        live.remove(at.file());
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
    if (entries.isEmpty()) {
      return java.time.Duration.ZERO;
    }
    return java.time.Duration.ofNanos(System.nanoTime() - entries.values().iterator().next().writtenAtNanos());
  }

  public long bytes() {
    return Math.max(0, bytes.get());
  }

  /** Files with damaged parts found at start-up (moved to the damaged folder). */
  public int damagedAtStart() {
    return damaged;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Reads every entry in a store folder without opening it as a store (for tests and tools that
   * inspect a spool another process owns). Damaged parts, and a batch still being written, are
   * skipped.
   */
  public static Map<String, byte[]> readAll(Path dir) throws IOException {
    Map<String, byte[]> all = new LinkedHashMap<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
      for (Path file : found) {
        if (!Ids.isValid(file.getFileName().toString())) {
          continue;
        }
        Contents contents;
        byte[] content;
        try {
          contents = SegmentFormat.read(file, 0);
          content = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
          continue;
        }
        contents.entries().forEach((name, at) -> {
          if (at.offset() + at.length() <= content.length) {
            all.put(name, Arrays.copyOfRange(content, (int) at.offset(), (int) at.offset() + at.length()));
          }
        });
      }
    }
    return all;
  }

  /** Names of the entries in one file (tests). */
  static Set<String> entriesOf(Path file) throws IOException {
    return SegmentFormat.read(file, 0).entries().keySet();
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
  }

  @Override
  public String toString() {
    return "BatchStore[" + count() + " entries]";
  }
}
