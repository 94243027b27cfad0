// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.ProtocolException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing and opening one typical report (HPKE X25519 / HKDF-SHA256 / AES-256-GCM over the 16 KiB
 * padded plaintext, encoding included) as the relay seals ({@link Sealer}: Conscrypt's HPKE behind
 * Tink's {@code HybridEncrypt} where it loads) and the hotline opens ({@link Opener}: Conscrypt's
 * HPKE behind Tink's {@code HybridDecrypt} where it loads), with
 * the JVM's providers as the JDK configures them.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SealBenchmark -f 1 -wi 5 -i 5 -w 3s -r 3s -t 1}
 * (figures and the exact commands: docs/performance.md)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class SealBenchmark {
  private Sealer sealer;
  private Opener opener;
  private Report report;
  private byte[] sealed;

  @Setup
  public void setUp() throws GeneralSecurityException, ProtocolException {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    sealer = Sealer.create(TestKeys.publicOf(hotline));
    opener = Opener.create(hotline);
    report = TestReports.typical();
    sealed = sealer.seal(report);
    if (!opener.open(sealed).equals(report)) {
      throw new IllegalStateException("sealed report did not open to the same report");
    }
  }

  @Benchmark
  public byte[] seal() throws GeneralSecurityException {
    return sealer.seal(report);
  }

  @Benchmark
  public Report open() throws ProtocolException {
    return opener.open(sealed);
  }
}
