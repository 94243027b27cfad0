// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.testing.TestKeys;
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
 * What the relay does to a sealed report after sealing: wrap it in a signed envelope (Ed25519
 * over the SHA-256 of the sealed bytes and the other fields), and encode and decode its binary
 * form.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EnvelopeBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class EnvelopeBenchmark {
  private EnvelopeSigner signer;
  private byte[] sealed;
  private Envelope envelope;
  private byte[] encoded;

  @Setup
  public void setUp() throws GeneralSecurityException {
    KeysetHandle relay = TestKeys.relaySigning();
    signer = EnvelopeSigner.create("bench", relay);
    sealed = new byte[HpkeSuite.SEALED_BYTES];
    new java.util.Random(1).nextBytes(sealed);
    envelope = signer.wrap(sealed);
    encoded = EnvelopeBinary.encode(envelope);
  }

  @Benchmark
  public Envelope wrap() throws GeneralSecurityException {
    return signer.wrap(sealed);
  }

  @Benchmark
  public byte[] encode() {
    return EnvelopeBinary.encode(envelope);
  }

  @Benchmark
  public Envelope decode() throws MalformedMessageException, UnsupportedVersionException {
    return EnvelopeBinary.decode(encoded);
  }
}
