// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.report.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoreTest {
  private static final Quota LARGE = new Quota(100_000, 1L << 32);

  @TempDir Path dir;

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    new java.util.Random(seed).nextBytes(data);
    return data;
  }

  private List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void put_returnsOnlyAfterFileExistsUnderFinalName() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      String name = Ids.random();
      byte[] data = bytes(22_000, 1);
      store.put(name, data);
      assertArrayEquals(data, Files.readAllBytes(dir.resolve(name)));
      assertEquals(List.of(name), filesIn(dir), "no temporary file left behind");
      assertTrue(store.contains(name));
      assertEquals(1, store.count());
      assertEquals(22_000, store.bytes());
    }
  }

  @Test
  void put_makesEntriesReadableByTheOwnerOnly_whateverTheUmask() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      String name = Ids.random();
      store.put(name, bytes(100, 3));
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve(name))));
    }
  }

  @Test
  void put_setsFixedModificationTime() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      String name = Ids.random();
      store.put(name, bytes(100, 2));
      assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(dir.resolve(name)));
    }
  }

  @Test
  void put_concurrentPutsAllDurable() throws Exception {
    Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(48);
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 48; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            String name = Ids.random();
            store.put(name, bytes(2_000, seed * 100 + i));
            // Acknowledged: must be there, complete, under its final name, right now.
            if (!Arrays.equals(bytes(2_000, seed * 100 + i), Files.readAllBytes(dir.resolve(name)))) {
              throw new AssertionError("entry incomplete after put returned");
            }
            names.add(name);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals(480, names.size());
      assertEquals(names, new HashSet<>(store.names()));
      assertEquals(480, store.count());
    } finally {
      pool.shutdown();
    }
    try (DurableStore reopened = new DurableStore(dir, LARGE)) {
      assertEquals(480, reopened.count());
      assertEquals(480L * 2_000, reopened.bytes());
    }
  }

  @Test
  void put_overEntryQuotaRefusedAndNothingWritten() throws Exception {
    try (DurableStore store = new DurableStore(dir, new Quota(2, 1 << 20))) {
      store.put(Ids.random(), bytes(10, 1));
      store.put(Ids.random(), bytes(10, 2));
      String refused = Ids.random();
      assertThrows(StoreFullException.class, () -> store.put(refused, bytes(10, 3)));
      assertFalse(Files.exists(dir.resolve(refused)));
      assertEquals(2, filesIn(dir).size());
      assertEquals(2, store.count());
      assertEquals(20, store.bytes());
    }
  }

  @Test
  void put_overByteQuotaRefusedThenAcceptedAfterDelete() throws Exception {
    try (DurableStore store = new DurableStore(dir, new Quota(100, 1_000))) {
      String first = Ids.random();
      store.put(first, bytes(600, 1));
      assertThrows(StoreFullException.class, () -> store.put(Ids.random(), bytes(600, 2)));
      assertEquals(1, store.count());
      assertEquals(600, store.bytes());
      store.delete(first);
      store.put(Ids.random(), bytes(600, 3));
      assertEquals(1, store.count());
    }
  }

  @Test
  void put_failedWriteAcknowledgesNothing() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      String name = Ids.random();
      // A folder squatting the temporary name makes the write fail, like a full or broken disk.
      Files.createDirectory(dir.resolve(".tmp-" + name));
      assertThrows(IOException.class, () -> store.put(name, bytes(100, 1)));
      assertFalse(Files.exists(dir.resolve(name)));
      assertEquals(0, store.count());
      assertEquals(0, store.bytes());
      assertEquals(List.of(), store.names());
    }
  }

  @Test
  void put_readOnlyFolderAcknowledgesNothing() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      makeReadOnly(dir);
      try {
        String name = Ids.random();
        assertThrows(IOException.class, () -> store.put(name, bytes(100, 1)));
        assertFalse(Files.exists(dir.resolve(name)));
        assertEquals(0, store.count());
      } finally {
        makeWritable(dir);
      }
    }
  }

  @Test
  void new_removesLeftoverTemporaryFilesAndCountsEntries() throws Exception {
    String kept = Ids.random();
    Files.write(dir.resolve(kept), bytes(50, 1));
    Files.write(dir.resolve(".tmp-" + Ids.random()), bytes(50, 2));
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      assertEquals(List.of(kept), filesIn(dir));
      assertEquals(1, store.count());
      assertEquals(50, store.bytes());
    }
  }

  @Test
  void moveTo_movesDurablyAndForgets() throws Exception {
    Path other = dir.resolve("quarantine");
    Path outbox = dir.resolve("outbox");
    try (DurableStore store = new DurableStore(outbox, LARGE)) {
      String name = Ids.random();
      store.put(name, bytes(70, 1));
      store.moveTo(name, other);
      assertTrue(Files.exists(other.resolve(name)));
      assertFalse(Files.exists(outbox.resolve(name)));
      assertEquals(0, store.count());
      assertEquals(0, store.bytes());
    }
  }

  @Test
  void put_refusesNameThatIsNotAnId() throws Exception {
    try (DurableStore store = new DurableStore(dir, LARGE)) {
      assertThrows(IllegalArgumentException.class, () -> store.put("../escape", bytes(1, 1)));
    }
  }

  @Test
  void putAsync_completesOnlyAfterFolderFsync() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DurableStore.FolderSync heldBack = folder -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      DurableStore.syncDirectory(folder);
    };
    try (DurableStore store = new DurableStore(dir, LARGE, heldBack)) {
      String name = Ids.random();
      CompletableFuture<Void> put = store.putAsync(name, bytes(1_000, 1));
      try {
        started.await();
        // The file is written and renamed, the folder fsync is running but not finished:
        assertTrue(Files.exists(dir.resolve(name)));
        assertFalse(put.isDone(), "completed before the folder fsync finished");
      } finally {
        release.countDown();
      }
      put.get();
      assertTrue(store.contains(name));
    }
  }

  @Test
  void putAsync_folderFsyncFails_failsAndRemovesEntry() throws Exception {
    DurableStore.FolderSync failing = folder -> {
      throw new IOException("disk gone");
    };
    try (DurableStore store = new DurableStore(dir, LARGE, failing)) {
      String name = Ids.random();
      ExecutionException e = assertThrows(ExecutionException.class, () -> store.putAsync(name, bytes(100, 1)).get());
      assertTrue(e.getCause() instanceof IOException);
      assertThrows(IOException.class, () -> store.put(Ids.random(), bytes(100, 2)));
      assertEquals(List.of(), filesIn(dir));
      assertEquals(0, store.count());
      assertEquals(0, store.bytes());
    }
  }

  @Test
  void putAsync_overQuota_failsWithStoreFull() throws Exception {
    try (DurableStore store = new DurableStore(dir, new Quota(1, 1 << 20))) {
      store.putAsync(Ids.random(), bytes(100, 1)).get();
      ExecutionException e = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(100, 2)).get());
      assertTrue(e.getCause() instanceof StoreFullException);
      assertEquals(1, store.count());
    }
  }

  @Test
  void putAsync_afterClose_fails() throws Exception {
    DurableStore store = new DurableStore(dir, LARGE);
    store.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(100, 1)).get());
    assertTrue(e.getCause() instanceof IOException);
    assertEquals(List.of(), filesIn(dir));
  }

  private static void makeReadOnly(Path folder) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      folder.toFile().setWritable(false);
      return;
    }
    // root ignores permissions; the immutable attribute stops root too (needs CAP_LINUX_IMMUTABLE).
    Process p = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), "chattr +i failed: as root, this test needs chattr (e2fsprogs) and CAP_LINUX_IMMUTABLE");
  }

  private static void makeWritable(Path folder) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      folder.toFile().setWritable(true);
      return;
    }
    new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor();
  }
}
