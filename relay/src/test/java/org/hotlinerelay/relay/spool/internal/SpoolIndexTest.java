// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;
import org.junit.jupiter.api.Test;

/** The index against a plain insertion-ordered map, through enough adds and removes to move and grow its rows many times. */
class SpoolIndexTest {
  @Test
  void behavesAsAnInsertionOrderedMap_throughCompactionsAndGrowth() {
    // Fewer rows than the test lists, so that the rows move and grow many times.
    SpoolIndex index = new SpoolIndex(new Quota(Integer.MAX_VALUE, Long.MAX_VALUE), 1024);
    Map<String, Location> expected = new LinkedHashMap<>();
    Random random = new Random(7);
    List<String> names = new ArrayList<>();
    for (int step = 0; step < 60_000; step++) {
      // Grows to a few thousand live entries, then drains; removes hit random entries.
      boolean add = names.isEmpty() || random.nextInt(100) < (step < 40_000 ? 60 : 35);
      if (add) {
        String name = Ids.random();
        String file = "segment-" + (step / 100);
        Location at = new Location(file, step, 10 + step % 7, random.nextInt(1_000), step);
        index.newFile(file, 0);
        index.raise(file, 1);
        index.written(Map.of(name, at));
        expected.put(name, at);
        names.add(name);
      } else {
        String name = names.remove(random.nextInt(names.size()));
        index.remove(name);
        expected.remove(name);
      }
      if (step % 997 == 0) {
        assertSame(index, expected);
      }
    }
    assertSame(index, expected);
  }

  @Test
  void remove_returnsTheFileWithItsLastEntry_andAddFoundRefusesASecondCopy() {
    SpoolIndex index = new SpoolIndex(new Quota(10, 1_000), SpoolIndex.rowsFor(new Quota(10, 1_000)));
    String a = Ids.random();
    String b = Ids.random();
    assertTrue(index.addFound(a, new Location("f", 48, 5, 0, 0)));
    assertTrue(index.addFound(b, new Location("f", 101, 5, 0, 0)));
    assertFalse(index.addFound(a, new Location("g", 48, 5, 0, 0)), "the name is held by another file");
    assertEquals(2, index.count());
    assertNull(index.remove(a));
    assertNull(index.remove(a), "unknown names are ignored");
    assertEquals("f", index.remove(b));
    assertEquals(0, index.count());
    assertNull(index.get(b));
  }

  @Test
  void rowsFor_twiceTheQuota_andTheHeapItTakes() {
    assertEquals(1024, SpoolIndex.rowsFor(new Quota(10, 1)), "at least 1,024 rows");
    assertEquals(200_000, SpoolIndex.rowsFor(new Quota(100_000, 1)));
    // 200,000 rows of 44 bytes, and a table of 524,288 places (a power of two, at most half full) of 4 bytes.
    assertEquals(200_000L * 44 + 4L * 524_288, SpoolIndex.heapFor(new Quota(100_000, 1)));
    assertEquals(-1, SpoolIndex.rowsFor(new Quota(Integer.MAX_VALUE, 1)), "more rows than an array holds");
    assertEquals(Long.MAX_VALUE, SpoolIndex.heapFor(new Quota(Integer.MAX_VALUE, 1)));
  }

  @Test
  void rowsForAQuota_neverGrowWhileTheQuotaHolds() {
    for (int entries : List.of(1, 10, 512, 513, 3_000, 100_000, 2_000_000)) {
      int rows = SpoolIndex.rowsFor(new Quota(entries, 1));
      assertEquals(rows, SpoolIndex.grownRows(entries, rows), "a full quota of " + entries);
    }
    assertEquals(2048, SpoolIndex.grownRows(513, 1024), "more than half live: the rows double");
  }

  @Test
  void aFullQuota_changedOverAndOver_staysTheMap() {
    Quota quota = new Quota(3_000, Long.MAX_VALUE);
    SpoolIndex index = new SpoolIndex(quota, SpoolIndex.rowsFor(quota));
    Map<String, Location> expected = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    Random random = new Random(11);
    for (int step = 0; step < 50_000; step++) {
      if (names.size() == quota.maxEntries() || (!names.isEmpty() && random.nextBoolean())) {
        String name = names.remove(random.nextInt(names.size()));
        index.remove(name);
        expected.remove(name);
      } else {
        assertTrue(index.reserve(10), "within the quota");
        String name = Ids.random();
        Location at = new Location("segment", step, 10, random.nextInt(1_000), step);
        index.newFile("segment", 0);
        index.raise("segment", 1);
        index.written(Map.of(name, at));
        expected.put(name, at);
        names.add(name);
      }
    }
    assertSame(index, expected);
  }

  private static void assertSame(SpoolIndex index, Map<String, Location> expected) {
    for (Map.Entry<String, Location> e : expected.entrySet()) {
      assertEquals(e.getValue(), index.get(e.getKey()));
    }
    List<String> due = new ArrayList<>();
    expected.forEach((name, at) -> {
      if (at.releaseAtMillis() <= 500) {
        due.add(name);
      }
    });
    assertEquals(due, index.due(500, Integer.MAX_VALUE), "due, oldest written first");
    assertEquals(new ArrayList<>(expected.keySet()), index.due(Long.MAX_VALUE, Integer.MAX_VALUE));
    assertNull(index.get(Ids.random()));
  }
}
