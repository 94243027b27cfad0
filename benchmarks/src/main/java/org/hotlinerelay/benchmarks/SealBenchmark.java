package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.ProtocolException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.seal.X25519Implementation;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing and opening one typical report (HPKE X25519 / HKDF-SHA256 / AES-256-GCM over the 16 KiB
 * padded plaintext, JSON encoding included), with Tink's X25519 from Conscrypt ({@code
 * impl=conscrypt}) or its pure Java code ({@code impl=java}).
 *
 * <p>JMH runs each {@code impl} in its own forked JVM. For {@code java} the fork sets {@code
 * hotlinerelay.noConscrypt=true} before anything is installed, so Conscrypt is never installed in
 * it; {@link #setUp} then checks, in the primitives themselves, that the X25519 code in use is the
 * one asked for, and fails the run otherwise (also when run with {@code -f 0}, where both would
 * share one JVM).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SealBenchmark -f 1 -wi 5 -i 5 -w 3s -r 3s -t 1}
 * (pure Java needs the longer warm-up; see NOTES/README for figures)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class SealBenchmark {
  @Param({"conscrypt", "java"})
  public String impl;

  private Sealer sealer;
  private Opener opener;
  private Report report;
  private byte[] sealed;

  @Setup
  public void setUp() throws GeneralSecurityException, ProtocolException {
    X25519Implementation wanted = switch (impl) {
      case "conscrypt" -> X25519Implementation.CONSCRYPT;
      case "java" -> X25519Implementation.PURE_JAVA;
      default -> throw new IllegalArgumentException("impl must be conscrypt or java");
    };
    if (wanted == X25519Implementation.PURE_JAVA) {
      System.setProperty("hotlinerelay.noConscrypt", "true");
    }
    X25519Implementation installed = X25519Implementation.install();
    if (installed != wanted || X25519Implementation.current() != wanted) {
      throw new IllegalStateException("asked for " + impl + " but this JVM has " + X25519Implementation.current().label()
          + " (run each impl in its own fork; Conscrypt's native library must load for impl=conscrypt)");
    }
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    sealer = Sealer.create(TestKeys.publicOf(hotline));
    opener = Opener.create(hotline);
    report = TestReports.typical();
    sealed = sealer.seal(report);
    if (!opener.open(sealed).equals(report)) {
      throw new IllegalStateException("sealed report did not open to the same report");
    }
    String expectedClass = wanted == X25519Implementation.CONSCRYPT ? X25519Probe.CONSCRYPT : X25519Probe.PURE_JAVA;
    requireOnly(expectedClass, X25519Probe.implementationsIn(sealer), "Sealer");
    requireOnly(expectedClass, X25519Probe.implementationsIn(opener), "Opener");
    System.err.println("X25519 in use: " + expectedClass.substring(expectedClass.lastIndexOf('.') + 1));
  }

  private static void requireOnly(String expected, Set<String> found, String what) {
    if (!found.equals(Set.of(expected))) {
      throw new IllegalStateException(what + " holds X25519 " + found + ", expected " + expected);
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
