// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;

/**
 * A cross-check for {@link SealBenchmark} on a busy machine: seals and opens per second of this
 * thread's CPU time (not wall-clock time), so other processes competing for the cores do not
 * lower the figure:
 * {@code java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.CpuTimeCheck}
 */
public final class CpuTimeCheck {
  private static final long WARMUP_CPU_NANOS = 15_000_000_000L;
  private static final long MEASURE_CPU_NANOS = 10_000_000_000L;

  private CpuTimeCheck() {}

  public static void main(String[] args) throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    Opener opener = Opener.create(hotline);
    Report report = TestReports.typical();
    byte[] sealed = sealer.seal(report);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (long budget : new long[] {WARMUP_CPU_NANOS, MEASURE_CPU_NANOS}) {
      long start = threads.getCurrentThreadCpuTime();
      long seals = 0;
      while (threads.getCurrentThreadCpuTime() - start < budget / 2) {
        for (int i = 0; i < 20; i++) {
          sealed = sealer.seal(report);
        }
        seals += 20;
      }
      long middle = threads.getCurrentThreadCpuTime();
      long opens = 0;
      while (threads.getCurrentThreadCpuTime() - middle < budget / 2) {
        for (int i = 0; i < 20; i++) {
          opener.open(sealed);
        }
        opens += 20;
      }
      long end = threads.getCurrentThreadCpuTime();
      System.out.printf("%s: seal %.0f/s, open %.0f/s per CPU-second%n", budget == WARMUP_CPU_NANOS ? "warm-up" : "measured",
          seals * 1e9 / (middle - start), opens * 1e9 / (end - middle));
    }
  }
}
