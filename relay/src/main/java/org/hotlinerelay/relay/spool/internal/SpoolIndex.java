// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * The spool in memory: where each entry is, how many live entries each segment file holds, and
 * the quota. Thread-safe. Holds names, places and release times only, never entry bytes.
 *
 * <p>The index is what the heap holds while envelopes wait for their release (an hour and more by
 * default, and the whole backlog during a hotline outage), so an entry is a row of primitive
 * arrays, not objects: its name as two longs, release and write times as longs, its file as a
 * reference to the segment's one name string, offset and length as ints (44 bytes), found through
 * an open-addressing table of row numbers at most half full. Rows are kept in the order written,
 * so the first live row is the oldest; a removed row is a gap until the rows fill up, when the
 * live rows are moved to the front (in order) and the arrays double if more than half of them are
 * still live ({@code SpoolIndexTest}).
 *
 * <p>The spool makes the index at start with {@link #rowsFor twice its quota's rows}: the quota
 * then never needs more, so the heap the index takes is known and taken at start, and no growth
 * (new arrays, and every row copied into them while writers wait) happens under load. Only entries found at start beyond
 * a lowered quota make the arrays grow.
 */
final class SpoolIndex {
  private static final int LEAST_ROWS = 1024;
  /** Bytes a row takes in the arrays: two longs of name, two longs of times, a reference, two ints. */
  private static final int ROW_BYTES = 8 + 8 + 8 + 8 + 4 + 4 + 4;
  private static final HexFormat HEX = HexFormat.of();

  private final Quota quota;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  /** The rows, guarded by {@code this}; a removed row has a null {@code file}. */
  private long[] nameHigh;
  private long[] nameLow;
  private long[] releaseAt;
  private long[] writtenAt;
  private String[] file;
  private int[] offset;
  private int[] length;
  /** Rows before {@code first} are all removed; rows from {@code end} are unused. */
  private int first;
  private int end;
  private int listed;
  /** Row number + 1 for each listed entry, 0 for an empty place; {@link #tableFor} the rows. */
  private int[] table;
  /**
   * File name → how many of its entries are not yet deleted, counting a batch being appended (so
   * that no delete removes a file a write is going into). Guarded by {@code this}. The key is the
   * one string the rows of that file refer to.
   */
  private final Map<String, int[]> live = new HashMap<>();

  /** An index for {@code quota} with room for {@code rows} rows before it grows. */
  SpoolIndex(Quota quota, int rows) {
    this.quota = quota;
    nameHigh = new long[rows];
    nameLow = new long[rows];
    releaseAt = new long[rows];
    writtenAt = new long[rows];
    file = new String[rows];
    offset = new int[rows];
    length = new int[rows];
    table = new int[tableFor(rows)];
  }

  /**
   * The rows the spool's index is made with: twice the quota's entries (at least 1,024), so that
   * it never grows while the quota holds (more than half the rows are never live), or -1 when
   * that is more than an array holds.
   */
  static int rowsFor(Quota quota) {
    long rows = Math.max(LEAST_ROWS, 2L * quota.maxEntries());
    return rows <= Integer.MAX_VALUE / 4 ? (int) rows : -1;
  }

  /** The heap an index made with {@link #rowsFor} takes for {@code quota}: its rows and its table. */
  static long heapFor(Quota quota) {
    int rows = rowsFor(quota);
    return rows < 0 ? Long.MAX_VALUE : (long) rows * ROW_BYTES + 4L * tableFor(rows);
  }

  /** The rows after moving {@code live} rows to the front of {@code rows}: double when more than half are live. */
  static int grownRows(int live, int rows) {
    return 2 * live > rows ? 2 * rows : rows;
  }

  /** The table's length for {@code rows} rows: a power of two at least twice the rows, so at most half full. */
  private static int tableFor(int rows) {
    return Integer.highestOneBit(rows - 1) << 2;
  }

  /** Takes room for an entry of {@code size} bytes; false (and nothing taken) when over quota. */
  boolean reserve(int size) {
    if (count.incrementAndGet() > quota.maxEntries() | bytes.addAndGet(size) > quota.maxBytes()) {
      release(size);
      return false;
    }
    return true;
  }

  /** True when the quota is reached (entries or bytes): a {@link #reserve} now would fail. */
  boolean full() {
    return count.get() >= quota.maxEntries() || bytes.get() >= quota.maxBytes();
  }

  /** Gives back the room of an entry of {@code size} bytes. */
  void release(int size) {
    count.decrementAndGet();
    bytes.addAndGet(-size);
  }

  /** Lists an entry found at start-up; false when another file already holds one of that name. */
  synchronized boolean addFound(String name, Location at) {
    long high = high(name);
    long low = low(name);
    if (table[place(high, low)] != 0) {
      return false;
    }
    append(high, low, at);
    count.incrementAndGet();
    bytes.addAndGet(at.length());
    live.computeIfAbsent(at.file(), f -> new int[1])[0]++;
    return true;
  }

  /** Lists entries just made durable (their room and their file's live count already taken). */
  synchronized void written(Map<String, Location> written) {
    for (Map.Entry<String, Location> e : written.entrySet()) {
      long high = high(e.getKey());
      long low = low(e.getKey());
      int place = place(high, low);
      if (table[place] == 0) {
        append(high, low, e.getValue());
      } else {
        fill(table[place] - 1, high, low, e.getValue()); // a name written again: its newest place
      }
    }
  }

  /** Raises a file's live count by {@code n} if it is still listed; false when it is not. */
  synchronized boolean raise(String file, int n) {
    int[] counted = live.get(file);
    if (counted == null) {
      return false;
    }
    counted[0] += n;
    return true;
  }

  /** Lists a new file with {@code n} live entries (a batch being appended to it). */
  synchronized void newFile(String file, int n) {
    live.put(file, new int[] {n});
  }

  /** Lowers a file's live count by {@code n} (a batch that failed). */
  synchronized void lower(String file, int n) {
    int[] counted = live.get(file);
    if (counted != null) {
      counted[0] -= n;
    }
  }

  /** Forgets the file when nothing live is left in it; true when it was forgotten (delete it). */
  synchronized boolean forgetIfEmpty(String file) {
    int[] counted = live.get(file);
    if (counted != null && counted[0] <= 0) {
      live.remove(file);
      return true;
    }
    return false;
  }

  /** Forgets an entry; the name of its file when that held its last live entry (delete it), else null. */
  synchronized String remove(String name) {
    int place = place(high(name), low(name));
    if (table[place] == 0) {
      return null;
    }
    int row = table[place] - 1;
    String segment = file[row];
    release(length[row]);
    file[row] = null;
    listed--;
    unlist(place);
    while (first < end && file[first] == null) {
      first++;
    }
    int[] counted = live.get(segment);
    if (counted != null && --counted[0] == 0) {
      live.remove(segment);
      return segment;
    }
    return null;
  }

  synchronized Location get(String name) {
    int place = place(high(name), low(name));
    if (table[place] == 0) {
      return null;
    }
    int row = table[place] - 1;
    return new Location(file[row], offset[row], length[row], releaseAt[row], writtenAt[row]);
  }

  /**
   * Up to {@code max} names whose release time is at or before {@code nowMillis}, oldest written
   * first. Which due entries go first does not matter for what the link shows (all are due); the
   * oldest written belong to the oldest windows, so the scan stops early when many are due, and
   * costs one pass over the rows when none is (once per forwarding interval).
   */
  synchronized List<String> due(long nowMillis, int max) {
    List<String> names = new ArrayList<>(Math.min(max, listed));
    for (int row = first; row < end && names.size() < max; row++) {
      if (file[row] != null && releaseAt[row] <= nowMillis) {
        names.add(name(nameHigh[row], nameLow[row]));
      }
    }
    return names;
  }

  /** How long the oldest entry has been here (since its write, or since start-up for those found then). */
  synchronized Duration oldestAge() {
    return first < end ? Duration.ofNanos(System.nanoTime() - writtenAt[first]) : Duration.ZERO;
  }

  int count() {
    return Math.max(0, count.get());
  }

  private void append(long high, long low, Location at) {
    if (end == file.length) {
      makeRoom();
    }
    int row = end++;
    fill(row, high, low, at);
    listed++;
    table[place(high, low)] = row + 1;
  }

  /**
   * Writes a row. Its file is the string the writer or the recovery holds for that file (one per
   * file, the key of {@link #live}), so rows hold a reference each, not a copy.
   */
  private void fill(int row, long high, long low, Location at) {
    nameHigh[row] = high;
    nameLow[row] = low;
    releaseAt[row] = at.releaseAtMillis();
    writtenAt[row] = at.writtenAtNanos();
    file[row] = at.file();
    offset[row] = at.offset();
    length[row] = at.length();
  }

  /** Moves the live rows to the front, in order; doubles the arrays if more than half are live. */
  private void makeRoom() {
    int to = 0;
    for (int row = first; row < end; row++) {
      if (file[row] != null) {
        nameHigh[to] = nameHigh[row];
        nameLow[to] = nameLow[row];
        releaseAt[to] = releaseAt[row];
        writtenAt[to] = writtenAt[row];
        file[to] = file[row];
        offset[to] = offset[row];
        length[to] = length[row];
        to++;
      }
    }
    Arrays.fill(file, to, end, null);
    first = 0;
    end = to;
    int capacity = grownRows(listed, file.length);
    if (capacity != file.length) {
      nameHigh = Arrays.copyOf(nameHigh, capacity);
      nameLow = Arrays.copyOf(nameLow, capacity);
      releaseAt = Arrays.copyOf(releaseAt, capacity);
      writtenAt = Arrays.copyOf(writtenAt, capacity);
      file = Arrays.copyOf(file, capacity);
      offset = Arrays.copyOf(offset, capacity);
      length = Arrays.copyOf(length, capacity);
      table = new int[tableFor(capacity)];
    } else {
      Arrays.fill(table, 0);
    }
    for (int row = 0; row < end; row++) {
      table[place(nameHigh[row], nameLow[row])] = row + 1;
    }
  }

  /** Where in the table this name is listed, or the empty place where it would go (linear probing). */
  private int place(long high, long low) {
    int mask = table.length - 1;
    int at = hash(high, low) & mask;
    while (table[at] != 0) {
      int row = table[at] - 1;
      if (nameHigh[row] == high && nameLow[row] == low) {
        return at;
      }
      at = (at + 1) & mask;
    }
    return at;
  }

  /** Empties a place, moving later entries of its probe run back so that every one stays findable. */
  private void unlist(int place) {
    int mask = table.length - 1;
    int hole = place;
    for (int at = (hole + 1) & mask; table[at] != 0; at = (at + 1) & mask) {
      int row = table[at] - 1;
      int home = hash(nameHigh[row], nameLow[row]) & mask;
      boolean stays = hole <= at ? hole < home && home <= at : hole < home || home <= at;
      if (!stays) {
        table[hole] = table[at];
        hole = at;
      }
    }
    table[hole] = 0;
  }

  private static int hash(long high, long low) {
    long h = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }

  private static long high(String name) {
    return Long.parseUnsignedLong(name, 0, 16, 16);
  }

  private static long low(String name) {
    return Long.parseUnsignedLong(name, 16, 32, 16);
  }

  private static String name(long high, long low) {
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }
}
