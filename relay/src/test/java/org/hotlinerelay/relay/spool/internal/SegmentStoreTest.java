// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.StoreFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentStoreTest {
  private static final Quota LARGE = new Quota(100_000, 1L << 32);

  @TempDir Path root;

  private Path dir() {
    return root.resolve("outbox");
  }

  private Path damaged() {
    return root.resolve("damaged");
  }

  private SegmentStore open() throws IOException {
    return new SegmentStore(dir(), damaged(), LARGE, DurableStore::syncDirectory);
  }

  /** Segments of at most {@code segmentBytes} (one batch alone may exceed it). */
  private SegmentStore openWithSegments(long segmentBytes) throws IOException {
    return new SegmentStore(dir(), damaged(), LARGE, DurableStore::syncDirectory, segmentBytes, channel -> channel.force(true));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    new java.util.Random(seed).nextBytes(data);
    return data;
  }

  private static List<Path> filesIn(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  /** 200 entries put at once, answered only when durable. */
  private Map<String, byte[]> putConcurrently(SegmentStore store, int n) throws Exception {
    Map<String, byte[]> put = new HashMap<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = Ids.random();
      byte[] data = bytes(2_000 + i, i);
      put.put(name, data);
      futures.add(store.putAsync(name, data, 0));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    return put;
  }

  private static void put(SegmentStore store, String name, byte[] data) throws Exception {
    DurableStore.await(store.putAsync(name, data, 0));
  }

  private static byte[] read(SegmentStore store, String name) throws IOException {
    SegmentStore.Entry entry = store.read(List.of(name)).get(0);
    if (entry == null) {
      throw new NoSuchFileException("gone");
    }
    return entry.data();
  }

  private static boolean contains(SegmentStore store, String name) {
    return names(store).contains(name);
  }

  /** Every entry, in the order written (all are put with release time 0 here). */
  private static List<String> names(SegmentStore store) {
    return store.due(Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  @Test
  void putAsync_concurrentEntriesShareFiles_andEachReadsBackWhole() throws Exception {
    try (SegmentStore store = openWithSegments(20_000)) {
      Map<String, byte[]> put = putConcurrently(store, 200);
      int files = filesIn(dir()).size();
      // A file holds one batch (at most MAX_BATCH entries) or the batches that fit in 20,000 bytes.
      assertTrue(files < 200 && files >= 200 / SegmentWriter.MAX_BATCH, "files: " + files);
      assertEquals(put.keySet(), new HashSet<>(names(store)));
      for (Map.Entry<String, byte[]> e : put.entrySet()) {
        assertArrayEquals(e.getValue(), read(store, e.getKey()));
      }
      assertEquals(200, store.count());
    }
  }

  @Test
  void put_oneAtATime_appendsToOneSegmentUntilItIsFull() throws Exception {
    try (SegmentStore store = openWithSegments(5_000)) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String name = Ids.random();
        put(store, name, bytes(2_000, i));
        names.add(name);
      }
      // Two 2,000-byte entries (and their heads) fit in 5,000 bytes, a third does not.
      List<Path> files = filesIn(dir());
      assertEquals(5, files.size(), "files: " + files.size());
      for (Path file : files) {
        assertEquals(2, SegmentFormat.read(file, 0).entries().size());
      }
      for (int i = 0; i < 10; i++) {
        assertArrayEquals(bytes(2_000, i), read(store, names.get(i)));
      }
    }
  }

  @Test
  void files_areOwnerOnly_epochTimed_randomlyNamed_andCarryNoEntryName() throws Exception {
    try (SegmentStore store = open()) {
      Map<String, byte[]> put = putConcurrently(store, 30);
      for (Path file : filesIn(dir())) {
        String fileName = file.getFileName().toString();
        assertTrue(Ids.isValid(fileName), fileName);
        assertFalse(put.containsKey(fileName), "a file is named after an entry");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(file));
      }
    }
  }

  @Test
  void restart_findsEveryEntry_andSweepsTemporaryFiles() throws Exception {
    Map<String, byte[]> put;
    try (SegmentStore store = open()) {
      put = putConcurrently(store, 100);
    }
    Files.write(dir().resolve(".tmp-" + Ids.random()), bytes(10, 1));
    try (SegmentStore reopened = open()) {
      assertEquals(put.keySet(), new HashSet<>(names(reopened)));
      for (Map.Entry<String, byte[]> e : put.entrySet()) {
        assertArrayEquals(e.getValue(), read(reopened, e.getKey()));
      }
      assertEquals(100, reopened.count());
      assertTrue(filesIn(dir()).stream().noneMatch(f -> f.getFileName().toString().startsWith(".tmp-")));
    }
  }

  @Test
  void read_manyAtOnce_inOrder_acrossFiles_nullForWhatIsGone() throws Exception {
    try (SegmentStore store = open()) {
      Map<String, byte[]> together = putConcurrently(store, 40);
      String alone = Ids.random();
      put(store, alone, "alone".getBytes(StandardCharsets.US_ASCII));
      List<String> names = new ArrayList<>(together.keySet());
      String deleted = names.get(3);
      store.delete(deleted);
      names.add(1, alone);
      names.add("0123456789abcdef0123456789abcdef");
      List<SegmentStore.Entry> read = store.read(names);
      assertEquals(names.size(), read.size());
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (name.equals(deleted) || i == names.size() - 1) {
          assertEquals(null, read.get(i), "gone: " + i);
          continue;
        }
        assertTrue(read.get(i).intact(), "entry " + i);
        if (name.equals(alone)) {
          assertArrayEquals("alone".getBytes(StandardCharsets.US_ASCII), read.get(i).data());
        } else {
          assertArrayEquals(together.get(name), read.get(i).data(), "entry " + i);
        }
      }
    }
  }

  @Test
  void read_bytesChangedOnDiskSinceTheyWerePut_areNotChecked() throws Exception {
    try (SegmentStore store = open()) {
      String first = Ids.random();
      String second = Ids.random();
      put(store, first, bytes(1_000, 1));
      put(store, second, bytes(1_000, 2));
      Path segment = filesIn(dir()).get(0);
      byte[] whole = Files.readAllBytes(segment);
      whole[whole.length - 1] ^= 1; // the second entry's last byte
      Files.write(segment, whole);
      List<SegmentStore.Entry> read = store.read(List.of(first, second));
      assertTrue(read.get(0).intact());
      assertFalse(read.get(1).intact(), "changed bytes read as the ones put");
      assertEquals(bytes(1_000, 2)[999] ^ 1, read.get(1).data()[999]);
    }
  }

  @Test
  void oldestAge_isTheOldestLiveBatchs_andFollowsDeletes() throws Exception {
    try (SegmentStore store = open()) {
      assertEquals(java.time.Duration.ZERO, store.oldestAge());
      long beforeFirst = System.nanoTime();
      String first = Ids.random();
      put(store, first, new byte[10]);
      Thread.sleep(200);
      long beforeSecond = System.nanoTime();
      put(store, Ids.random(), new byte[10]);
      long aged = store.oldestAge().toNanos();
      // The first put ended at least 200 ms before this (less a millisecond of rounding).
      assertTrue(aged >= 199_000_000L, "the first batch is the oldest: " + aged);
      assertTrue(aged <= System.nanoTime() - beforeFirst, "not older than the first put: " + aged);
      store.delete(first);
      assertTrue(store.oldestAge().toNanos() <= System.nanoTime() - beforeSecond, "the second is the oldest now");
    }
  }

  @Test
  void delete_removesTheFileWithItsLastEntry() throws Exception {
    try (SegmentStore store = open()) {
      Map<String, byte[]> put = putConcurrently(store, 50);
      List<String> names = new ArrayList<>(put.keySet());
      for (String name : names.subList(0, 49)) {
        store.delete(name);
        assertThrows(NoSuchFileException.class, () -> read(store, name));
      }
      assertEquals(1, filesIn(dir()).size(), "only the file of the last entry is left");
      assertArrayEquals(put.get(names.get(49)), read(store, names.get(49)));
      store.delete(names.get(49));
      assertEquals(List.of(), filesIn(dir()));
      assertEquals(0, store.count());
      store.delete(names.get(49)); // unknown: ignored
    }
  }

  @Test
  void restart_findsUndeletedEntriesAndTheRestOfTheirFile() throws Exception {
    String deletedFromSharedFile;
    List<String> deletedWithTheirFile = new ArrayList<>();
    try (SegmentStore store = openWithSegments(20_000)) {
      putConcurrently(store, 200);
      List<List<String>> files = new ArrayList<>();
      for (Path file : filesIn(dir())) {
        files.add(new ArrayList<>(SegmentFormat.read(file, 0).entries().keySet()));
      }
      List<String> shared = files.stream().filter(f -> f.size() >= 2).findFirst().orElseThrow();
      deletedFromSharedFile = shared.get(0);
      store.delete(deletedFromSharedFile);
      List<String> other = files.stream().filter(f -> f != shared).findFirst().orElseThrow();
      for (String name : other) {
        store.delete(name);
        deletedWithTheirFile.add(name);
      }
      assertEquals(200 - 1 - other.size(), store.count());
    }
    try (SegmentStore reopened = open()) {
      // At least once: it is sent again, and the hotline de-duplicates by id.
      assertTrue(contains(reopened, deletedFromSharedFile));
      assertTrue(deletedWithTheirFile.stream().noneMatch(n -> contains(reopened, n)));
      assertEquals(200 - deletedWithTheirFile.size(), reopened.count());
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
    try (SegmentStore store = new SegmentStore(dir(), damaged(), LARGE, heldBack)) {
      String name = Ids.random();
      CompletableFuture<Void> put = store.putAsync(name, bytes(1_000, 1), 0);
      try {
        started.await();
        // The segment is created and renamed, the folder fsync is running but not finished:
        assertEquals(1, filesIn(dir()).size());
        assertFalse(put.isDone(), "completed before the folder fsync finished");
        assertFalse(contains(store, name), "listed before it was durable");
      } finally {
        release.countDown();
      }
      put.get();
      assertTrue(contains(store, name));
    }
  }

  @Test
  void putAsync_folderFsyncFails_failsAndKeepsNothing() throws Exception {
    DurableStore.FolderSync failing = folder -> {
      throw new IOException("disk gone");
    };
    try (SegmentStore store = new SegmentStore(dir(), damaged(), LARGE, failing)) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(100, 1), 0).get());
      assertTrue(e.getCause() instanceof IOException);
      assertThrows(IOException.class, () -> put(store, Ids.random(), bytes(100, 2)));
      assertEquals(List.of(), filesIn(dir()));
      assertEquals(List.of(), names(store));
      assertEquals(0, store.count());
    }
  }

  @Test
  void put_batchFsyncFails_failsAndKeepsNothingOfIt_theNextGoesIntoANewSegment() throws Exception {
    java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
    SegmentWriter.BatchSync secondFails = channel -> {
      if (syncs.incrementAndGet() == 2) {
        throw new IOException("disk gone");
      }
      channel.force(true);
    };
    String first = Ids.random();
    String failed = Ids.random();
    String third = Ids.random();
    try (SegmentStore store = new SegmentStore(dir(), damaged(), LARGE, DurableStore::syncDirectory, 1L << 20, secondFails)) {
      put(store, first, bytes(1_000, 1));
      Path firstSegment = filesIn(dir()).get(0);
      assertThrows(IOException.class, () -> put(store, failed, bytes(1_000, 2)));
      assertFalse(contains(store, failed));
      assertEquals(1, store.count());
      assertEquals(4 + SegmentFormat.HEAD_BYTES + 1_000, Files.size(firstSegment), "cut back to where the batch began");
      put(store, third, bytes(1_000, 3));
      assertEquals(2, filesIn(dir()).size(), "nothing more goes into the segment a write failed in");
      assertArrayEquals(bytes(1_000, 1), read(store, first));
      assertArrayEquals(bytes(1_000, 3), read(store, third));
    }
    try (SegmentStore reopened = open()) {
      assertEquals(java.util.Set.of(first, third), new HashSet<>(names(reopened)));
      assertEquals(0, reopened.damagedAtStart());
    }
  }

  @Test
  void putAsync_overQuota_failsWithStoreFull_andDeleteMakesRoom() throws Exception {
    try (SegmentStore store = new SegmentStore(dir(), damaged(), new Quota(2, 250), DurableStore::syncDirectory)) {
      String first = Ids.random();
      put(store, first, bytes(100, 1));
      put(store, Ids.random(), bytes(100, 2));
      ExecutionException full = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(10, 3), 0).get());
      assertTrue(full.getCause() instanceof StoreFullException);
      store.delete(first);
      ExecutionException bytesFull = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(151, 4), 0).get());
      assertTrue(bytesFull.getCause() instanceof StoreFullException);
      put(store, Ids.random(), bytes(150, 5));
      assertEquals(2, store.count());
    }
  }

  @Test
  void putAsync_afterClose_fails() throws Exception {
    SegmentStore store = open();
    store.close();
    ExecutionException e = assertThrows(ExecutionException.class, () -> store.putAsync(Ids.random(), bytes(100, 1), 0).get());
    assertTrue(e.getCause() instanceof IOException);
    assertEquals(List.of(), filesIn(dir()));
  }

  /** Three entries put one at a time (one segment); the segment's path. */
  private Path segmentOfThree(List<String> names) throws Exception {
    try (SegmentStore store = open()) {
      for (int i = 0; i < 3; i++) {
        String name = Ids.random();
        put(store, name, bytes(1_000, i));
        names.add(name);
      }
    }
    List<Path> files = filesIn(dir());
    assertEquals(1, files.size());
    return files.get(0);
  }

  @Test
  void restart_afterAWriteCutShort_keepsEveryWholeEntry_andMovesTheCutBytesAside() throws Exception {
    List<String> names = new ArrayList<>();
    Path segment = segmentOfThree(names);
    // A crash in the middle of appending a fourth: its head and half its bytes reached the file.
    String cut = Ids.random();
    byte[] head = SegmentFormat.head(cut, 0, 1_000, SegmentFormat.crc(cut, 0, ByteBuffer.wrap(bytes(1_000, 9)))).array();
    long whole = Files.size(segment);
    Files.write(segment, head, java.nio.file.StandardOpenOption.APPEND);
    Files.write(segment, Arrays.copyOf(bytes(1_000, 9), 500), java.nio.file.StandardOpenOption.APPEND);
    byte[] cutBytes = Arrays.copyOfRange(Files.readAllBytes(segment), (int) whole, (int) Files.size(segment));
    try (SegmentStore store = open()) {
      assertEquals(names, names(store));
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(bytes(1_000, i), read(store, names.get(i)));
      }
      // Never acknowledged, but not told apart from damage for sure: moved aside, not dropped.
      assertEquals(1, store.damagedAtStart());
      assertArrayEquals(cutBytes, Files.readAllBytes(damaged().resolve(segment.getFileName())));
      assertEquals(whole, Files.size(segment));
      // New entries go into a new segment, never after the cut bytes.
      String next = Ids.random();
      put(store, next, bytes(1_000, 4));
      assertEquals(2, filesIn(dir()).size());
      assertArrayEquals(bytes(1_000, 4), read(store, next));
    }
  }

  @Test
  void new_movesADamagedRecordAndWhatFollowsToDamaged_keepsWhatPrecedes_neverDeletes() throws Exception {
    List<String> names = new ArrayList<>();
    Path segment = segmentOfThree(names);
    byte[] whole = Files.readAllBytes(segment);
    int second = 4 + SegmentFormat.HEAD_BYTES + 1_000;
    whole[second + SegmentFormat.HEAD_BYTES + 10] ^= 1; // one bit of the second entry's bytes
    Files.write(segment, whole);
    try (SegmentStore store = open()) {
      assertEquals(1, store.damagedAtStart());
      assertEquals(List.of(names.get(0)), names(store));
      assertArrayEquals(bytes(1_000, 0), read(store, names.get(0)));
      Path aside = damaged().resolve(segment.getFileName());
      assertArrayEquals(Arrays.copyOfRange(whole, second, whole.length), Files.readAllBytes(aside));
    }
    try (SegmentStore again = open()) {
      assertEquals(0, again.damagedAtStart(), "moved aside once");
      assertEquals(List.of(names.get(0)), names(again));
    }
  }

  @Test
  void moveTo_writesTheEntryAsItsOwnFile_andForgetsIt() throws Exception {
    Path quarantine = root.resolve("quarantine");
    try (SegmentStore store = open()) {
      Map<String, byte[]> put = putConcurrently(store, 5);
      String name = put.keySet().iterator().next();
      store.moveTo(name, quarantine);
      assertArrayEquals(put.get(name), Files.readAllBytes(quarantine.resolve(name)));
      assertFalse(contains(store, name));
      assertEquals(4, store.count());
    }
    try (SegmentStore reopened = open()) {
      assertTrue(reopened.count() >= 4);
    }
  }

  @Test
  void releaseTime_isStoredWithEachEntry_survivesARestart_andDecidesWhatIsDue() throws Exception {
    String late = Ids.random();
    String early = Ids.random();
    String later = Ids.random();
    try (SegmentStore store = open()) {
      DurableStore.await(store.putAsync(late, bytes(100, 1), 5_000));
      DurableStore.await(store.putAsync(early, bytes(100, 2), 1_000));
      DurableStore.await(store.putAsync(later, bytes(100, 3), 9_000));
      assertEquals(List.of(), store.due(999, 10));
      assertEquals(List.of(late, early), store.due(5_000, 10), "what is due, oldest written first");
    }
    try (SegmentStore reopened = open()) {
      assertEquals(List.of(early), reopened.due(4_999, 10), "the release times came back from disk");
      assertEquals(List.of(late, early, later), reopened.due(Long.MAX_VALUE, 10));
      assertEquals(List.of(late, early), reopened.due(Long.MAX_VALUE, 2), "at most max");
    }
  }

  @Test
  void releaseTime_isCoveredByTheRecordsCrc() throws Exception {
    List<String> names = new ArrayList<>();
    Path segment = segmentOfThree(names);
    byte[] whole = Files.readAllBytes(segment);
    whole[4 + SegmentFormat.NAME_BYTES + 7] ^= 1; // the first entry's release time, made later
    Files.write(segment, whole);
    try (SegmentStore store = open()) {
      assertEquals(1, store.damagedAtStart());
      assertEquals(0, store.count(), "a changed release time does not pass as the one stored");
    }
  }

  @Test
  void new_movesAFileWithoutTheMagicToDamaged_whole() throws Exception {
    Files.createDirectories(dir());
    String name = Ids.random();
    byte[] other = "HRB2 not this format".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir().resolve(name), other);
    try (SegmentStore store = open()) {
      assertEquals(1, store.damagedAtStart());
      assertEquals(0, store.count());
      assertArrayEquals(other, Files.readAllBytes(damaged().resolve(name)));
      assertFalse(Files.exists(dir().resolve(name)));
    }
  }

  /**
   * Files at rest: a segment a write failed in (cut back) keeps the epoch as its modification
   * time, like every other spool file; so does one cut back at start-up.
   */
  @Test
  void put_batchFsyncFails_leavesTheSegmentAtTheEpoch() throws Exception {
    java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
    SegmentWriter.BatchSync secondFails = channel -> {
      if (syncs.incrementAndGet() == 2) {
        throw new IOException("no space left on device");
      }
      channel.force(true);
    };
    try (SegmentStore store = new SegmentStore(dir(), damaged(), LARGE, DurableStore::syncDirectory, 1L << 20, secondFails)) {
      put(store, Ids.random(), bytes(1_000, 1));
      Path segment = filesIn(dir()).get(0);
      Thread.sleep(20); // so that a time set by the cut would differ from the epoch by more than rounding
      assertThrows(IOException.class, () -> put(store, Ids.random(), bytes(1_000, 2)));
      assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(segment), "after the failed write");
    }
  }

  @Test
  void restart_afterAWriteCutShort_leavesTheSegmentAndWhatWasMovedAsideAtTheEpoch() throws Exception {
    List<String> names = new ArrayList<>();
    Path segment = segmentOfThree(names);
    Files.write(segment, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    try (SegmentStore store = open()) {
      assertEquals(1, store.damagedAtStart());
      assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(segment));
      assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(damaged().resolve(segment.getFileName())));
    }
  }
}
