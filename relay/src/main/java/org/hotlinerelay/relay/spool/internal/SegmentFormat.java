// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.hotlinerelay.protocol.report.Ids;

/**
 * The one spool segment format, its writer's pieces and its reader.
 *
 * <p>A segment: {@code HRS1}, then records appended batch after batch, each: its entry's
 * 32-character name, its release time (8 bytes, milliseconds since the epoch), its length
 * (4 bytes), the CRC-32C of name, release time, length and bytes, then the bytes. All numbers
 * big-endian.
 *
 * <p>Reading a segment stops at the first record that is not whole and checked: one cut short by
 * the end of the file (a write that never finished, whose entries were never acknowledged, since
 * an entry is acknowledged only after the fsync of its whole batch), or one whose name is no id or
 * whose CRC does not match (damage). The entries before it are the file's; from it to the end is
 * {@linkplain Contents#damagedFrom() damaged}, and the spool moves those bytes aside, never
 * deleting them. The two cannot be told apart with certainty (a damaged length also looks like a
 * record cut short, and whole records may follow it), so neither is dropped. A file that does not
 * start with the magic is damaged whole ({@code SegmentStoreTest}).
 */
final class SegmentFormat {
  static final byte[] MAGIC = "HRS1".getBytes(StandardCharsets.US_ASCII);
  static final int NAME_BYTES = 32;
  /** A record's head: name, release time, length, CRC-32C. */
  static final int HEAD_BYTES = NAME_BYTES + 8 + 4 + 4;

  private SegmentFormat() {}

  /**
   * Where an entry's bytes are (its record's head is the {@link #HEAD_BYTES} before them), when it
   * is to be released (epoch milliseconds, stored in the record) and when it was written
   * ({@link System#nanoTime}, in memory only, for the spool's age gauge).
   */
  record Location(String file, int offset, int length, long releaseAtMillis, long writtenAtNanos) {}

  /** A file's whole entries, in the order written, and where its damaged part starts (-1: none). */
  record Contents(Map<String, Location> entries, long damagedFrom) {}

  /** The CRC-32C of a record: its name, release time, length and the bytes {@code data} has left. */
  static int crc(String name, long releaseAtMillis, ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(NAME_BYTES + 8 + 4).put(name.getBytes(StandardCharsets.US_ASCII))
        .putLong(releaseAtMillis).putInt(data.remaining()).array());
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  /** A record's head for {@code length} bytes stored under {@code name}, with their {@link #crc}. */
  static ByteBuffer head(String name, long releaseAtMillis, int length, int crc) {
    ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    return head.put(name.getBytes(StandardCharsets.US_ASCII)).putLong(releaseAtMillis).putInt(length).putInt(crc).flip();
  }

  /** Reads what {@code file} holds; its entries are dated {@code writtenAtNanos}. */
  static Contents read(Path file, long writtenAtNanos) throws IOException {
    String fileName = file.getFileName().toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      if (readFully(channel, magic, 0) < MAGIC.length || !Arrays.equals(magic.array(), MAGIC)) {
        return new Contents(Map.of(), size == 0 ? -1 : 0);
      }
      return records(channel, fileName, size, writtenAtNanos);
    }
  }

  /** The records after the magic, up to the first that is not whole and valid. */
  private static Contents records(FileChannel channel, String fileName, long size, long writtenAt) throws IOException {
    Map<String, Location> entries = new LinkedHashMap<>();
    ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    long at = MAGIC.length;
    while (at < size) {
      head.clear();
      if (at + HEAD_BYTES > size || readFully(channel, head, at) < HEAD_BYTES) {
        return new Contents(entries, at); // cut short
      }
      String name = new String(head.array(), 0, NAME_BYTES, StandardCharsets.US_ASCII);
      long releaseAt = head.getLong(NAME_BYTES);
      int length = head.getInt(NAME_BYTES + 8);
      long start = at + HEAD_BYTES;
      if (!Ids.isValid(name) || length < 0 || start + length > Math.min(size, Integer.MAX_VALUE)) {
        return new Contents(entries, at); // damaged, or cut short: a damaged length looks the same
      }
      ByteBuffer data = ByteBuffer.allocate(length);
      readFully(channel, data, start);
      int crc = head.getInt(NAME_BYTES + 12);
      if (crc(name, releaseAt, data.flip()) != crc) {
        return new Contents(entries, at);
      }
      entries.put(name, new Location(fileName, (int) start, length, releaseAt, writtenAt));
      at = start + length;
    }
    return new Contents(entries, -1);
  }

  /** Reads from {@code at} until {@code into} is full or the file ends; the bytes read. */
  static int readFully(FileChannel channel, ByteBuffer into, long at) throws IOException {
    int start = into.position();
    while (into.hasRemaining()) {
      if (channel.read(into, at + into.position() - start) < 0) {
        break;
      }
    }
    return into.position() - start;
  }
}
