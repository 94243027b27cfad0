// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows one tor's {@code HS_DESC} events until every one of its onion services has uploaded a
 * descriptor to at least one directory and no upload is still under way, so a client asking any
 * responsible directory finds it.
 */
final class DescriptorUploads {
  private final TorControl control;
  private final Set<String> waiting = new HashSet<>();
  private final Map<String, Integer> inFlight = new HashMap<>();

  DescriptorUploads(TorControl control, List<String> onionAddresses) {
    this.control = control;
    onionAddresses.forEach(a -> waiting.add(a.replace(".onion", "")));
  }

  /** True when done before {@code deadline} ({@link System#nanoTime()}). */
  boolean await(long deadline) throws InterruptedException {
    while (!waiting.isEmpty() || inFlight.values().stream().anyMatch(n -> n > 0)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      String event = control.awaitEvent(e -> e.startsWith("HS_DESC "), Duration.ofNanos(left));
      if (event == null) {
        return false;
      }
      String[] f = event.split(" ");
      if (f.length < 5) {
        continue;
      }
      String key = f[2] + " " + f[4]; // address and directory
      switch (f[1]) {
        case "UPLOAD" -> inFlight.merge(key, 1, Integer::sum);
        case "UPLOADED" -> {
          inFlight.merge(key, -1, Integer::sum);
          waiting.remove(f[2]);
        }
        case "FAILED" -> inFlight.merge(key, -1, Integer::sum);
        default -> { }
      }
    }
    return true;
  }
}
