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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A folder of opaque entries (sealed envelopes only — never plaintext), one file per entry, made
 * durable before {@link #put} returns: each is written to a temporary name, fsynced, renamed
 * atomically, and the folder fsynced. Concurrent puts share the folder fsync (group commit: one
 * writer thread takes every put that is waiting and commits them together).
 *
 * <p>File names are the caller's random ids; every modification time is set to the epoch, so
 * neither name nor mtime tells when an entry was written. (The inode change time cannot be set
 * from Java; threat-model.md says so.) A crash leaves either the whole entry or nothing: leftover
 * temporary files are deleted at start-up.
 */
public final class DurableStore implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final FileTime FIXED_TIME = FileTime.fromMillis(0);
  private static final int MAX_BATCH = 256;

  private final Path dir;
  private final Quota quota;
  private final AtomicInteger entries = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  private record Pending(String name, byte[] data, CompletableFuture<Void> done) {}

  public DurableStore(Path dir, Quota quota) throws IOException {
    this.dir = dir;
    this.quota = quota;
    createPrivateDirectory(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
          Files.deleteIfExists(file);
        } else if (NAME.matcher(name).matches()) {
          entries.incrementAndGet();
          bytes.addAndGet(Files.size(file));
        }
      }
    }
    writer = new Thread(this::writeLoop, "durable-store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Creates {@code dir} (mode 0700) if needed and checks that it is writable. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createDirectories(dir);
      }
    }
    if (!Files.isWritable(dir)) {
      throw new IOException("folder is not writable");
    }
  }

  /**
   * Stores {@code data} under {@code name} (32 hex digits) and returns once it is durable.
   *
   * @throws StoreFullException over quota: nothing was written
   * @throws IOException the disk failed: nothing may be acknowledged
   */
  public void put(String name, byte[] data) throws StoreFullException, IOException, InterruptedException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("entry name must be 32 hex digits");
    }
    if (closed) {
      throw new IOException("store is closed");
    }
    if (entries.incrementAndGet() > quota.maxEntries() || bytes.addAndGet(data.length) > quota.maxBytes()) {
      entries.decrementAndGet();
      bytes.addAndGet(-data.length);
      throw new StoreFullException();
    }
    Pending pending = new Pending(name, data, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.done().get();
    } catch (ExecutionException e) {
      entries.decrementAndGet();
      bytes.addAndGet(-data.length);
      throw e.getCause() instanceof IOException io ? io : new IOException("store write failed", e.getCause());
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Path> temps = new ArrayList<>(batch.size());
    try {
      for (Pending p : batch) {
        Path temp = dir.resolve(TEMP_PREFIX + p.name());
        temps.add(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(p.data());
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
        Files.setLastModifiedTime(temp, FIXED_TIME);
      }
      for (int i = 0; i < batch.size(); i++) {
        Files.move(temps.get(i), dir.resolve(batch.get(i).name()), StandardCopyOption.ATOMIC_MOVE);
      }
      syncDirectory(dir);
      batch.forEach(p -> p.done().complete(null));
    } catch (IOException | RuntimeException e) {
      for (Path temp : temps) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Left for the start-up sweep.
        }
      }
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** fsync of a folder, so that a rename or delete in it survives a crash. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** True when an entry of this name is stored. */
  public boolean contains(String name) {
    return NAME.matcher(name).matches() && Files.exists(dir.resolve(name));
  }

  /** Names of all stored entries, in no particular order. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (NAME.matcher(name).matches()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  public byte[] read(String name) throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new NoSuchFileException("invalid entry name");
    }
    return Files.readAllBytes(dir.resolve(name));
  }

  /** Removes an entry (after the hotline acknowledged it). Missing entries are ignored. */
  public void delete(String name) throws IOException {
    if (!NAME.matcher(name).matches()) {
      return;
    }
    Path file = dir.resolve(name);
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return;
    }
    if (Files.deleteIfExists(file)) {
      entries.decrementAndGet();
      bytes.addAndGet(-size);
    }
  }

  /** Moves an entry to another folder (quarantine), durably, and forgets it here. */
  public void moveTo(String name, Path otherDir) throws IOException {
    createPrivateDirectory(otherDir);
    Path file = dir.resolve(name);
    long size = Files.size(file);
    Files.move(file, otherDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(otherDir);
    syncDirectory(dir);
    entries.decrementAndGet();
    bytes.addAndGet(-size);
  }

  public int count() {
    return Math.max(0, entries.get());
  }

  public long bytes() {
    return Math.max(0, bytes.get());
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    writer.join(5_000);
  }

  @Override
  public String toString() {
    return "DurableStore[" + count() + " entries]";
  }
}
