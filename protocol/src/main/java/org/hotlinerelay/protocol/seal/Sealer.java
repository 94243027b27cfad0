// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.seal;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.internal.ConscryptHpkeEncrypt;

/**
 * Seals reports for the hotline with its <em>public</em> keyset (HPKE, {@link HpkeSuite}) through a
 * Tink {@link HybridEncrypt}: Conscrypt's HPKE in Tink's format ({@link ConscryptHpkeEncrypt}) where
 * Conscrypt's native library loads, Tink's own HPKE elsewhere. Tink opens both.
 *
 * <p>Guarantees: only a holder of the matching private keyset can open a sealed report; any change
 * to the ciphertext, or opening with another context, fails; every sealed report has exactly
 * {@link HpkeSuite#SEALED_BYTES} bytes; the padded plaintext buffer is overwritten with zeros once
 * sealed ({@code SealerTest#seal_clearsThePlaintextBuffer_andALongReportLeavesNothingInTheNext});
 * making and using a Sealer changes no JVM-wide state: the security providers and the ciphers and
 * TLS everything else gets stay as they were ({@code SealerTest#sealing_leavesTheJvmsProvidersAsTheyWere}).
 *
 * <p>WARNING — what it does not guarantee: HPKE in base mode gives no sender authenticity; anyone
 * with the public key can seal a report. The relay's envelope signature is what tells the hotline
 * which relay sent it. Zeroing the buffer is best effort: the JVM may have copied the report's
 * Strings elsewhere (threat-model.md, residual risks).
 *
 * <p>A Sealer can only be made from a {@link PublicKeyset}, which refuses keysets holding private
 * key material; the relay therefore has no way to hold a key that opens reports. Thread-safe.
 */
public final class Sealer {
  /** Each sealing thread's padded plaintext buffer: zeros, except while a report is sealed. */
  private static final ThreadLocal<byte[]> PLAINTEXT = ThreadLocal.withInitial(() -> new byte[Limits.PADDED_PLAINTEXT_BYTES]);
  private final HybridEncrypt encrypt;
  private final String fingerprint;

  /** Seals with {@code encrypt}; tests pass their own to see what it is given. */
  Sealer(HybridEncrypt encrypt, String fingerprint) {
    this.encrypt = encrypt;
    this.fingerprint = fingerprint;
  }

  /** Seals with the keyset's primary key. */
  public static Sealer create(PublicKeyset keyset) throws GeneralSecurityException {
    HybridConfig.register();
    HybridEncrypt encrypt = keyset.handle().getPrimary().getKey() instanceof HpkePublicKey key
        ? ConscryptHpkeEncrypt.forKey(key) : null;
    if (encrypt == null) {
      encrypt = keyset.handle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    }
    return new Sealer(encrypt, keyset.fingerprint());
  }

  /**
   * Seals one report. The padded plaintext is built in this thread's buffer, which holds only
   * zeros between calls: what was written into it is cleared once sealed, whatever happens, and
   * the padding was never written. Reusing the buffer keeps a 16 KiB array per report out of the
   * relay's garbage, and only the written part needs clearing.
   */
  public byte[] seal(Report report) throws GeneralSecurityException {
    byte[] plaintext = PLAINTEXT.get();
    int written = ReportCodec.encodeInto(report, plaintext);
    try {
      return encrypt.encrypt(plaintext, HpkeSuite.CONTEXT);
    } finally {
      Arrays.fill(plaintext, 0, written, (byte) 0);
    }
  }

  /** Fingerprint of the public keyset this sealer uses. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "Sealer[" + fingerprint + "]";
  }
}
