// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.store.SyncedFiles;

/**
 * Fuzz target for the spool's start-up ({@link Recovery}, through {@link SegmentStore}'s
 * constructor): a folder holding one segment file of any bytes opens, never with an exception;
 * the store then holds exactly the file's whole records ({@link SegmentRecords}), each read back
 * intact with its bytes and due at its stored release time; the damaged part (from the first
 * record that is not whole and checked to the end) is in the damaged folder byte for byte and cut
 * from the segment, and counted; a segment left with no entry is deleted, one kept has the epoch
 * as its modification time. Runs its seeds (RecoveryFuzzTestInputs/) in every {@code verify};
 * fuzzes under {@code -Pfuzz}.
 */
class RecoveryFuzzTest {
  private static final Quota LARGE = new Quota(100_000, 1L << 32);

  @FuzzTest(maxDuration = "30s")
  void open(byte[] file) throws Exception {
    Path home = Files.createTempDirectory(scratch(), "recovery-fuzz");
    Path dir = home.resolve("outbox");
    Path damaged = home.resolve("damaged");
    DurableStore.createPrivateDirectory(dir);
    String name = Ids.random();
    Files.write(dir.resolve(name), file);
    SegmentRecords expected = SegmentRecords.of(file);
    Map<String, SegmentRecords.Whole> entries = expected.entries();

    SegmentStore store = new SegmentStore(dir, damaged, LARGE, DurableStore::syncDirectory);
    try {
      long from = expected.damagedFrom();
      assertEquals(from < 0 ? 0 : 1, store.damagedAtStart());
      if (from >= 0) {
        assertArrayEquals(Arrays.copyOfRange(file, (int) from, file.length), Files.readAllBytes(damaged.resolve(name)));
      } else {
        assertFalse(Files.exists(damaged.resolve(name)));
      }
      Path kept = dir.resolve(name);
      if (entries.isEmpty()) {
        assertFalse(Files.exists(kept), "a segment with no entry is deleted");
      } else {
        assertArrayEquals(Arrays.copyOfRange(file, 0, expected.stop()), Files.readAllBytes(kept));
        assertEquals(SyncedFiles.FIXED_TIME, Files.getLastModifiedTime(kept));
      }
      assertEquals(entries.size(), store.count());
      List<String> names = List.copyOf(entries.keySet());
      List<SegmentStore.Entry> read = store.read(names);
      for (int i = 0; i < names.size(); i++) {
        SegmentRecords.Whole whole = entries.get(names.get(i));
        int start = whole.start() + SegmentRecords.HEAD;
        assertTrue(read.get(i).intact());
        assertArrayEquals(Arrays.copyOfRange(file, start, start + whole.length()), read.get(i).data());
      }
      for (SegmentRecords.Whole whole : entries.values()) {
        assertTrue(store.due(whole.releaseAtMillis(), entries.size()).contains(whole.name()), "due at its release time");
      }
    } finally {
      store.close();
      deleteTree(home);
    }
  }

  /** tmpfs when there is one: every start-up fsyncs, and fuzzing wants many start-ups a second. */
  private static Path scratch() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static void deleteTree(Path home) throws IOException {
    try (Stream<Path> all = Files.walk(home)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
