// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed corpus of the segment fuzz targets is what the store writes: the golden envelopes
 * (protocol's testdata/envelope.bin and envelope-cover.bin, sealed and signed with the golden
 * keys) stored at fixed release times give these bytes exactly, and the damaged seeds are those
 * bytes cut short or with one byte changed. When this fails, the bytes the store writes now are in
 * {@code relay/target/segment-seeds/}: copy them into both seed folders.
 */
class SegmentSeedsTest {
  private static final List<String> FOLDERS = List.of("SegmentFormatFuzzTestInputs/read/", "RecoveryFuzzTestInputs/open/");
  private static final long RELEASE = Instant.parse("2026-12-07T02:00:00Z").toEpochMilli();

  @TempDir Path root;

  @Test
  void seeds_areWhatTheStoreWritesForTheGoldenEnvelopes() throws Exception {
    byte[] envelope = golden("envelope.bin");
    byte[] cover = golden("envelope-cover.bin");
    byte[] one = written(root.resolve("one"), List.of(envelope));
    byte[] two = written(root.resolve("two"), List.of(envelope, cover));
    byte[] changed = two.clone();
    changed[two.length - 100] ^= 0x20;
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    seeds.put("one-envelope", one);
    seeds.put("two-envelopes", two);
    seeds.put("two-cut-short", java.util.Arrays.copyOf(two, two.length - 1000));
    seeds.put("two-changed-byte", changed);
    seeds.put("magic-only", "HRS1".getBytes(StandardCharsets.US_ASCII));

    assertEquals(2, SegmentRecords.of(two).records().size());
    assertEquals(1, SegmentRecords.of(seeds.get("two-cut-short")).records().size());
    assertEquals(1, SegmentRecords.of(changed).records().size());
    Path out = Path.of("target", "segment-seeds");
    Files.createDirectories(out);
    for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
      Files.write(out.resolve(seed.getKey()), seed.getValue());
    }
    for (String folder : FOLDERS) {
      for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
        assertArrayEquals(seed.getValue(), resource(folder + seed.getKey()), folder + seed.getKey());
      }
    }
  }

  /** One segment holding {@code envelopes}, put in order under their ids, an hour apart. */
  private static byte[] written(Path dir, List<byte[]> envelopes) throws Exception {
    try (SegmentStore store = new SegmentStore(dir, dir.resolve("damaged"), new Quota(10, 1 << 20), DurableStore::syncDirectory)) {
      for (int i = 0; i < envelopes.size(); i++) {
        byte[] bytes = envelopes.get(i);
        store.putAsync(EnvelopeBinary.decode(bytes).id(), bytes, RELEASE + i * 3_600_000L).get();
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> segments = files.filter(Files::isRegularFile).toList();
      assertEquals(1, segments.size());
      return Files.readAllBytes(segments.get(0));
    }
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream("testdata/" + name)) {
      assertNotNull(in, "testdata/" + name);
      return in.readAllBytes();
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = SegmentSeedsTest.class.getResourceAsStream(path)) {
      assertNotNull(in, path);
      return in.readAllBytes();
    }
  }
}
