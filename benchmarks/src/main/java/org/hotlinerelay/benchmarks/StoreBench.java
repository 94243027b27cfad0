// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.internal.SegmentStore;

/**
 * Durable puts per second: N threads each putting envelope-sized entries (16,551 bytes) for a
 * fixed time, through {@link DurableStore} (the intake's inbox: a file per entry, group commit),
 * through {@link SegmentStore} (the relay's spool: batches appended to segments), or with a
 * per-put temp→fsync→rename→dir-fsync done by each caller (the baseline).
 *
 * <pre>
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.StoreBench [dir] [seconds] [threads,…] [modes]
 * </pre>
 * modes: {@code per-put,store,spool} (default all three).
 */
public final class StoreBench {
  private static final int ENTRY_BYTES = 16_551;

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "target/store-bench");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String[] threadCounts = (args.length > 2 ? args[2] : "1,16,64").split(",");
    String[] modes = (args.length > 3 ? args[3] : "per-put,store,spool").split(",");
    System.out.printf("%-8s %7s %10s%n", "mode", "threads", "puts/s");
    for (String mode : modes) {
      for (String t : threadCounts) {
        int threads = Integer.parseInt(t.trim());
        Path dir = root.resolve(mode + "-" + threads);
        deleteTree(dir);
        double rate = run(mode, dir, threads, seconds);
        System.out.printf("%-8s %7d %10.0f%n", mode, threads, rate);
        deleteTree(dir);
      }
    }
  }

  private static double run(String mode, Path dir, int threads, int seconds) throws Exception {
    DurableStore store = mode.equals("store") ? new DurableStore(dir, new Quota(Integer.MAX_VALUE, Long.MAX_VALUE)) : null;
    SegmentStore spool = mode.equals("spool") ? new SegmentStore(dir, dir.resolveSibling(mode + "-damaged"),
        new Quota(Integer.MAX_VALUE, Long.MAX_VALUE), DurableStore::syncDirectory) : null;
    Files.createDirectories(dir);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong puts = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread w = new Thread(() -> {
        byte[] data = new byte[ENTRY_BYTES];
        ThreadLocalRandom.current().nextBytes(data);
        try {
          while (!stop.get()) {
            if (spool != null) {
              DurableStore.await(spool.putAsync(Ids.random(), data, 0));
            } else if (store != null) {
              store.put(Ids.random(), data);
            } else {
              perPut(dir, Ids.random(), data);
            }
            puts.incrementAndGet();
          }
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          done.countDown();
        }
      });
      workers.add(w);
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (store != null) {
      store.close();
    }
    if (spool != null) {
      spool.close();
    }
    return puts.get() / elapsed;
  }

  /** The baseline: the caller does the whole durable write itself, one fsync pair per put. */
  private static void perPut(Path dir, String name, byte[] data) throws IOException {
    Path temp = dir.resolve(".tmp-" + name);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    DurableStore.syncDirectory(dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
