// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Contents;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * An independent reading of a segment's bytes for the fuzz targets, written from the format that
 * {@link SegmentFormat}'s javadoc states (not from its code): the whole records (a valid id, a
 * length that fits, a matching CRC-32C), in order, and the offset where they stop.
 */
record SegmentRecords(List<SegmentRecords.Whole> records, int stop, int size) {
  /** A record's head: 32-byte name, 8-byte release time, 4-byte length, 4-byte CRC-32C. */
  static final int HEAD = 48;

  /** A whole record starting at {@code start}; its bytes follow its head. */
  record Whole(String name, int start, long releaseAtMillis, int length, int crc) {
    int end() {
      return start + HEAD + length;
    }
  }

  static SegmentRecords of(byte[] file) {
    List<Whole> records = new ArrayList<>();
    byte[] magic = "HRS1".getBytes(StandardCharsets.US_ASCII);
    if (file.length < magic.length || !java.util.Arrays.equals(file, 0, magic.length, magic, 0, magic.length)) {
      return new SegmentRecords(records, 0, file.length);
    }
    ByteBuffer numbers = ByteBuffer.wrap(file);
    int at = magic.length;
    while (file.length - at >= HEAD) {
      String name = new String(file, at, 32, StandardCharsets.US_ASCII);
      int length = numbers.getInt(at + 40);
      if (!Ids.isValid(name) || length < 0 || length > file.length - at - HEAD) {
        break;
      }
      CRC32C crc = new CRC32C();
      crc.update(file, at, HEAD - 4);
      crc.update(file, at + HEAD, length);
      if ((int) crc.getValue() != numbers.getInt(at + 44)) {
        break;
      }
      records.add(new Whole(name, at, numbers.getLong(at + 32), length, numbers.getInt(at + 44)));
      at += HEAD + length;
    }
    return new SegmentRecords(records, at, file.length);
  }

  /** What {@link Contents#damagedFrom()} must say: -1 when every byte was read, else where reading stopped. */
  long damagedFrom() {
    return stop == size ? -1 : stop;
  }

  /** The entries a reader must give: by name, the last record of that name (records of one name are one entry). */
  Map<String, Whole> entries() {
    Map<String, Whole> entries = new LinkedHashMap<>();
    for (Whole whole : records) {
      entries.put(whole.name(), whole);
    }
    return entries;
  }

  /** The records before the {@code count}th, with where the {@code count}th starts as the damaged part. */
  SegmentRecords cutAt(int count) {
    return new SegmentRecords(records.subList(0, count), records.get(count).start(), size);
  }

  /** {@code read} holds exactly these entries, where these records are, and this damaged part. */
  void assertRead(String fileName, Contents read) {
    Map<String, Whole> expected = entries();
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(read.entries().keySet()), "entries");
    for (Whole whole : expected.values()) {
      Location at = read.entries().get(whole.name());
      assertEquals(fileName, at.file());
      assertEquals(whole.start() + HEAD, at.offset(), "offset");
      assertEquals(whole.length(), at.length(), "length");
      assertEquals(whole.releaseAtMillis(), at.releaseAtMillis(), "release time");
    }
    assertEquals(damagedFrom(), read.damagedFrom(), "damaged from");
  }
}
