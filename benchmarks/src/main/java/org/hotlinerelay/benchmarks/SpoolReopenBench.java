// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.internal.SegmentStore;

/**
 * How long a relay takes to find its spool again at start-up: fills a {@link SegmentStore} with N
 * entries of 16,551 bytes (the size of a spooled envelope in its binary form, relay id
 * {@code bench}; 100,000 is the default quota) if the folder
 * holds fewer, else times opening it, which reads every segment and checks every record's
 * CRC-32C.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.SpoolReopenBench /tmp/spool-reopen 100000  # fills
 * java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.SpoolReopenBench /tmp/spool-reopen 100000  # times
 * sync; echo 3 > /proc/sys/vm/drop_caches     # then once more, for a cold page cache
 * </pre>
 */
public final class SpoolReopenBench {
  private SpoolReopenBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/spool-reopen");
    int entries = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Quota quota = new Quota(Math.max(entries, 1), Long.MAX_VALUE);
    long started = System.nanoTime();
    try (SegmentStore store = new SegmentStore(dir.resolve("outbox"), dir.resolve("damaged"), quota, DurableStore::syncDirectory)) {
      long took = (System.nanoTime() - started) / 1_000_000;
      if (store.count() >= entries) {
        System.out.printf("%d entries found in %d ms%n", store.count(), took);
        return;
      }
      byte[] data = new byte[16_551];
      new Random(1).nextBytes(data);
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      for (int i = store.count(); i < entries; i++) {
        waiting.add(store.putAsync(Ids.random(), data, 0));
        if (waiting.size() == 256 || i == entries - 1) {
          CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get();
          waiting.clear();
        }
      }
      System.out.printf("filled to %d entries; run again to time the opening%n", store.count());
    }
  }
}
