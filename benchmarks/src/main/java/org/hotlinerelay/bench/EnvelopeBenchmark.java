package org.hotlinerelay.bench;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
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
 * What the relay does to a sealed report after sealing: wrap it in a signed envelope (version 2:
 * Ed25519 over the SHA-256 of the sealed bytes), next to what version 1 signed (Ed25519 over the
 * 16 KiB themselves, the same Tink primitive), and the envelope's JSON.
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
  private PublicKeySign sign;
  private byte[] sealed;
  private byte[] version1SignedBytes;
  private Envelope envelope;

  @Setup
  public void setUp() throws GeneralSecurityException {
    SignatureConfig.register();
    KeysetHandle relay = TestKeys.relaySigning();
    signer = EnvelopeSigner.create("bench", relay);
    sign = relay.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    sealed = new byte[HpkeSuite.SEALED_BYTES];
    new java.util.Random(1).nextBytes(sealed);
    // What version 1 signed: domain, version, id and relay id (about 100 bytes), then the sealed bytes.
    version1SignedBytes = new byte[sealed.length + 100];
    System.arraycopy(sealed, 0, version1SignedBytes, 100, sealed.length);
    envelope = signer.wrap(sealed);
  }

  /** Version 2, as the relay does it: a fresh id, SHA-256 of the sealed bytes, Ed25519 over ~120 bytes. */
  @Benchmark
  public Envelope wrapVersion2() throws GeneralSecurityException {
    return signer.wrap(sealed);
  }

  /** The signature alone as version 1 made it: Ed25519 over the 16 KiB. */
  @Benchmark
  public byte[] signVersion1Bytes() throws GeneralSecurityException {
    return sign.sign(version1SignedBytes);
  }

  @Benchmark
  public byte[] toJson() {
    return EnvelopeCodec.toJson(envelope);
  }
}
