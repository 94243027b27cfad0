package org.hotlinerelay.relay.spool.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.internal.SegmentFormat.Location;

/**
 * The spool in memory: where each entry is, how many live entries each segment file holds, and
 * the quota. Thread-safe. Holds names, places and release times only, never entry bytes.
 */
final class SpoolIndex {
  private final Quota quota;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  /** Entry name → where it is, in the order written (so the first is the oldest). Guarded by {@code this}. */
  private final Map<String, Location> entries = new LinkedHashMap<>();
  /**
   * File name → how many of its entries are not yet deleted, counting a batch being appended (so
   * that no delete removes a file a write is going into). Guarded by {@code this}. A count, not
   * the names: the index is what the heap holds during a long hotline outage.
   */
  private final Map<String, int[]> live = new HashMap<>();

  SpoolIndex(Quota quota) {
    this.quota = quota;
  }

  /** Takes room for an entry of {@code size} bytes; false (and nothing taken) when over quota. */
  boolean reserve(int size) {
    if (count.incrementAndGet() > quota.maxEntries() | bytes.addAndGet(size) > quota.maxBytes()) {
      release(size);
      return false;
    }
    return true;
  }

  /** Gives back the room of an entry of {@code size} bytes. */
  void release(int size) {
    count.decrementAndGet();
    bytes.addAndGet(-size);
  }

  /** Lists an entry found at start-up; false when another file already holds one of that name. */
  synchronized boolean addFound(String name, Location at) {
    if (entries.putIfAbsent(name, at) != null) {
      return false;
    }
    count.incrementAndGet();
    bytes.addAndGet(at.length());
    live.computeIfAbsent(at.file(), f -> new int[1])[0]++;
    return true;
  }

  /** Lists entries just made durable (their room and their file's live count already taken). */
  synchronized void written(Map<String, Location> written) {
    entries.putAll(written);
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
    Location at = entries.remove(name);
    if (at == null) {
      return null;
    }
    release(at.length());
    int[] counted = live.get(at.file());
    if (counted != null && --counted[0] == 0) {
      live.remove(at.file());
      return at.file();
    }
    return null;
  }

  synchronized Location get(String name) {
    return entries.get(name);
  }

  /**
   * Up to {@code max} names whose release time is at or before {@code nowMillis}, oldest written
   * first. Which due entries go first does not matter for what the link shows (all are due); the
   * oldest written belong to the oldest windows, so the scan stops early when many are due, and
   * costs one pass over the index when none is (once per forwarding interval).
   */
  synchronized List<String> due(long nowMillis, int max) {
    List<String> names = new ArrayList<>(Math.min(max, entries.size()));
    for (Iterator<Map.Entry<String, Location>> it = entries.entrySet().iterator(); it.hasNext() && names.size() < max; ) {
      Map.Entry<String, Location> e = it.next();
      if (e.getValue().releaseAtMillis() <= nowMillis) {
        names.add(e.getKey());
      }
    }
    return names;
  }

  /** How long the oldest entry has been here (since its write, or since start-up for those found then). */
  synchronized Duration oldestAge() {
    if (entries.isEmpty()) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(System.nanoTime() - entries.values().iterator().next().writtenAtNanos());
  }

  int count() {
    return Math.max(0, count.get());
  }
}
