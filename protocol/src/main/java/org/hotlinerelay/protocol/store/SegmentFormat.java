package org.hotlinerelay.protocol.store;

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
 * The files of a {@link BatchStore}, and how one is read back.
 *
 * <p>A segment: {@code HRB2}, then records appended batch after batch, each its entry's
 * 32-character name, a 4-byte big-endian length, the CRC-32C of the name, length and bytes, and
 * the bytes. Two older formats are still read, so a spool written by an earlier version is
 * delivered: {@code HRB1} (the same records without a CRC, one batch per file, written whole
 * before a rename), and a file without a header, which is one entry named by the file.
 *
 * <p>Reading a segment stops at the first record that is not whole and checked: one cut short by
 * the end of the file (a write that never finished, whose entries were never acknowledged, since
 * an entry is acknowledged only after the fsync of its whole batch), or one whose name is no id or
 * whose CRC does not match (damage). The entries before it are the file's; from it to the end is
 * {@linkplain Contents#damagedFrom() damaged}, and the store moves those bytes aside, never
 * deleting them. The two cannot be told apart with certainty (a damaged length also looks like a
 * record cut short, and whole records may follow it), so neither is dropped.
 *
 * <p>An {@code HRB1} file that does not parse is damaged whole (its entries were renamed into place
 * whole, so a cut one is damage too).
 */
final class SegmentFormat {
  static final byte[] SEGMENT_MAGIC = "HRB2".getBytes(StandardCharsets.US_ASCII);
  static final byte[] BATCH_MAGIC = "HRB1".getBytes(StandardCharsets.US_ASCII);
  static final int NAME_BYTES = 32;
  /** A segment record's head: name, length, CRC-32C. */
  static final int HEAD_BYTES = NAME_BYTES + 4 + 4;
  private static final int BATCH_HEAD_BYTES = NAME_BYTES + 4;

  private SegmentFormat() {}

  /**
   * Where an entry's bytes are, the CRC-32C of its record (when {@code checked}: a segment's), and
   * when it was written ({@link System#nanoTime}, in memory only). Ints for offset and CRC: the
   * record is the spool index's one object per entry, and this way it stays 40 bytes.
   */
  record Location(String file, int offset, int length, int crc, boolean checked, long writtenAtNanos) {}

  /** The CRC-32C of a segment record: its name, its length and its bytes. */
  static int crc(String name, byte[] data) {
    return crc(name, ByteBuffer.wrap(data));
  }

  /** {@link #crc(String, byte[])} of the bytes {@code data} has left (its position is not moved). */
  static int crc(String name, ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(NAME_BYTES + 4).put(name.getBytes(StandardCharsets.US_ASCII)).putInt(data.remaining()).array());
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  /**
   * A file's whole entries, in the order written, and where its damaged part starts (-1 when
   * none; 0 for a file damaged whole).
   */
  record Contents(Map<String, Location> entries, long damagedFrom) {}

  /** A segment record's head for {@code data} stored under {@code name}, with its {@link #crc}. */
  static ByteBuffer head(String name, byte[] data, int crc) {
    ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
    return head.put(name.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).putInt(crc).flip();
  }

  /** Reads what {@code file} holds; its entries are dated {@code writtenAtNanos}. */
  static Contents read(Path file, long writtenAtNanos) throws IOException {
    String fileName = file.getFileName().toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(SEGMENT_MAGIC.length);
      channel.read(magic, 0);
      boolean whole = magic.position() == magic.capacity();
      if (whole && Arrays.equals(magic.array(), SEGMENT_MAGIC)) {
        return segment(channel, fileName, size, writtenAtNanos);
      }
      if (whole && Arrays.equals(magic.array(), BATCH_MAGIC)) {
        return batch(channel, fileName, size, writtenAtNanos);
      }
      Map<String, Location> one = new LinkedHashMap<>();
      one.put(fileName, new Location(fileName, 0, (int) Math.min(size, Integer.MAX_VALUE), 0, false, writtenAtNanos));
      return new Contents(one, -1);
    }
  }

  /** An {@code HRB1} file is damaged whole when any of it does not parse. */
  private static Contents batch(FileChannel channel, String fileName, long size, long writtenAt) throws IOException {
    Contents read = records(channel, fileName, size, writtenAt, false);
    return read.damagedFrom() < 0 ? read : new Contents(Map.of(), 0);
  }

  private static Contents segment(FileChannel channel, String fileName, long size, long writtenAt) throws IOException {
    return records(channel, fileName, size, writtenAt, true);
  }

  /**
   * The records after the 4-byte magic, up to the first that is not whole and valid (cut short,
   * a name that is no id, a length past the end, or, {@code withCrc}, a CRC that does not match).
   */
  private static Contents records(FileChannel channel, String fileName, long size, long writtenAt, boolean withCrc)
      throws IOException {
    int headBytes = withCrc ? HEAD_BYTES : BATCH_HEAD_BYTES;
    Map<String, Location> entries = new LinkedHashMap<>();
    ByteBuffer head = ByteBuffer.allocate(headBytes);
    long at = SEGMENT_MAGIC.length;
    while (at < size) {
      head.clear();
      if (at + headBytes > size || readFully(channel, head, at) < headBytes) {
        return new Contents(entries, at); // cut short
      }
      String name = new String(head.array(), 0, NAME_BYTES, StandardCharsets.US_ASCII);
      int length = head.getInt(NAME_BYTES);
      long start = at + headBytes;
      if (!Ids.isValid(name) || length < 0 || start + length > Math.min(size, Integer.MAX_VALUE)) {
        return new Contents(entries, at); // damaged, or cut short: a damaged length looks the same
      }
      int crc = 0;
      if (withCrc) {
        ByteBuffer data = ByteBuffer.allocate(length);
        readFully(channel, data, start);
        crc = head.getInt(NAME_BYTES + 4);
        if (crc(name, data.array()) != crc) {
          return new Contents(entries, at);
        }
      }
      entries.put(name, new Location(fileName, (int) start, length, crc, withCrc, writtenAt));
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
