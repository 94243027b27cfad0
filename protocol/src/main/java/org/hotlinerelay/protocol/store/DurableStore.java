// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A folder of opaque entries (sealed envelopes only — never plaintext), one file per entry, made
 * durable before {@link #put} returns: each is written to a temporary name, its modification time
 * set to the epoch, fsynced, renamed atomically, and the folder fsynced.
 *
 * <p>Group commit: entries are written and fsynced by a pool of writer threads, so concurrent
 * fsyncs reach the file system together (ext4/jbd2 merges them into one journal commit), and one
 * folder fsync, on its own thread, covers every rename made before it started
 * ({@link DirectorySync}). {@link #putAsync} returns at once; its future completes only after both
 * the file fsync and a folder fsync that started after the rename succeeded, so a caller that
 * answers from the future's completion never acknowledges anything that is not durable, and
 * holds no thread while it waits. If a step fails, the future fails with {@link IOException} and
 * the entry is removed (best effort). {@link #put} is the same, waiting.
 * Enforced by {@code org.hotlinerelay.protocol.store.DurableStoreTest}
 * ({@code putAsync_completesOnlyAfterFolderFsync}, {@code putAsync_folderFsyncFails_failsAndRemovesEntry}).
 *
 * <p>File names are the caller's random ids; every modification time is set to the epoch, so
 * neither name nor mtime tells when an entry was written. (The inode change time cannot be set
 * from Java; threat-model.md says so.) A crash leaves either the whole entry or nothing: leftover
 * temporary files are deleted at start-up.
 */
public final class DurableStore implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}");
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path dir;
  private final Quota quota;
  private final AtomicInteger entries = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  /** Most file writes (and so file fsyncs) in flight at once. */
  static final int WRITERS = 16;

  private final DirectorySync dirSync;
  private final ThreadPoolExecutor writers;
  private volatile boolean closed;

  public DurableStore(Path dir, Quota quota) throws IOException {
    this(dir, quota, DurableStore::syncDirectory);
  }

  /** How the folder is fsynced: {@link #syncDirectory} in production. */
  @FunctionalInterface
  public interface FolderSync {
    void sync(Path dir) throws IOException;
  }

  /**
   * With the folder fsync given: a seam for tests that hold it back (to prove that nothing is
   * acknowledged before it finished) or make it fail. Production code uses the two-argument one.
   */
  public DurableStore(Path dir, Quota quota, FolderSync folderSync) throws IOException {
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
    syncDirectory(dir);
    this.dirSync = new DirectorySync(dir, folderSync);
    AtomicInteger threads = new AtomicInteger();
    this.writers = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "store-write-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    writers.allowCoreThreadTimeOut(true);
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
   * @throws IOException the disk failed: nothing may be acknowledged (and the entry is removed)
   */
  public void put(String name, byte[] data) throws StoreFullException, IOException, InterruptedException {
    await(putAsync(name, data));
  }

  /** Waits for a put's future and rethrows what it failed with (both stores' {@code put}). */
  public static void await(CompletableFuture<Void> put) throws StoreFullException, IOException, InterruptedException {
    try {
      put.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreFullException full) {
        throw full;
      } else if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException runtime) {
        throw runtime;
      } else if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException("store failed", cause);
    }
  }

  /**
   * Starts storing {@code data} under {@code name} (32 hex digits). The future completes normally
   * only once the entry is durable (file fsynced, renamed, folder fsynced after the rename), or
   * exceptionally with {@link StoreFullException} (over quota: nothing was written) or
   * {@link IOException} (the disk failed: nothing may be acknowledged; the entry is removed).
   * It completes on one of the store's threads: continue on your own executor for real work.
   */
  public CompletableFuture<Void> putAsync(String name, byte[] data) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("entry name must be 32 hex digits");
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IOException("store is closed"));
      return result;
    }
    try {
      reserve(data.length);
    } catch (StoreFullException e) {
      result.completeExceptionally(e);
      return result;
    }
    try {
      writers.execute(() -> write(name, data, result));
    } catch (RejectedExecutionException e) {
      release(data.length);
      result.completeExceptionally(new IOException("store is closed"));
    }
    return result;
  }

  private void write(String name, byte[] data, CompletableFuture<Void> result) {
    Path temp = dir.resolve(TEMP_PREFIX + name);
    Path target = dir.resolve(name);
    try {
      SyncedFiles.writeSynced(temp, data);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      release(data.length);
      result.completeExceptionally(e instanceof IOException ? e : new IOException("write failed", e));
      return;
    }
    CompletableFuture<Void> folderSynced = new CompletableFuture<>();
    folderSynced.whenComplete((ok, error) -> {
      if (error == null) {
        result.complete(null);
      } else {
        deleteQuietly(target);
        release(data.length);
        result.completeExceptionally(error);
      }
    });
    dirSync.after(folderSynced);
  }

  private void reserve(int size) throws StoreFullException {
    if (entries.incrementAndGet() > quota.maxEntries() | bytes.addAndGet(size) > quota.maxBytes()) {
      release(size);
      throw new StoreFullException();
    }
  }

  private void release(int size) {
    entries.decrementAndGet();
    bytes.addAndGet(-size);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temp file is swept at start-up; a renamed one would only be delivered (at least once).
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
    // Writes already accepted finish (and are answered) before the folder-sync thread stops.
    writers.shutdown();
    writers.awaitTermination(1, TimeUnit.MINUTES);
    dirSync.close();
  }

  @Override
  public String toString() {
    return "DurableStore[" + count() + " entries]";
  }
}
