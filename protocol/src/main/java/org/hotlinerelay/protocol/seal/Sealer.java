package org.hotlinerelay.protocol.seal;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;

/**
 * Seals reports for the hotline with its <em>public</em> keyset (HPKE, {@link HpkeSuite}).
 *
 * <p>Guarantees: only a holder of the matching private keyset can open a sealed report; any change
 * to the ciphertext, or opening with another context, fails; every sealed report has exactly
 * {@link HpkeSuite#SEALED_BYTES} bytes; the padded plaintext buffer is overwritten with zeros once
 * sealed ({@code SealerTest#seal_clearsThePlaintextBuffer_andALongReportLeavesNothingInTheNext}).
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
  /** Conscrypt's HPKE for the primary key, or null: Tink's {@link #encrypt} seals then. */
  private final ConscryptHpke conscrypt;
  private final String fingerprint;

  private Sealer(HybridEncrypt encrypt, ConscryptHpke conscrypt, String fingerprint) {
    this.encrypt = encrypt;
    this.conscrypt = conscrypt;
    this.fingerprint = fingerprint;
  }

  /**
   * Seals with the keyset's primary key: through Conscrypt's HPKE when Conscrypt is installed
   * ({@link X25519Implementation#install}), else through Tink's. Both write the same format, and
   * Tink opens both ({@link ConscryptHpke}).
   */
  public static Sealer create(PublicKeyset keyset) throws GeneralSecurityException {
    return create(keyset, true);
  }

  /** With Conscrypt's HPKE allowed or not (tests compare the two). */
  static Sealer create(PublicKeyset keyset, boolean conscryptHpke) throws GeneralSecurityException {
    HybridConfig.register();
    HybridEncrypt encrypt = keyset.handle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    ConscryptHpke conscrypt = conscryptHpke ? ConscryptHpke.forKey(keyset.handle().getPrimary().getKey()) : null;
    return new Sealer(encrypt, conscrypt, keyset.fingerprint());
  }

  /**
   * Seals one report. The padded plaintext is built in this thread's buffer, which holds only
   * zeros between calls: what was written into it is cleared once sealed, whatever happens, and
   * the padding was never written. Not a new 16 KiB array per report, and 1 KiB cleared rather
   * than 16: a loaded relay's collections are made of its per-report garbage.
   */
  public byte[] seal(Report report) throws GeneralSecurityException {
    byte[] plaintext = PLAINTEXT.get();
    int written = ReportCodec.encodeInto(report, plaintext);
    try {
      return conscrypt != null ? conscrypt.seal(plaintext, HpkeSuite.CONTEXT) : encrypt.encrypt(plaintext, HpkeSuite.CONTEXT);
    } finally {
      Arrays.fill(plaintext, 0, written, (byte) 0);
    }
  }

  /** True when this thread's plaintext buffer holds only zeros (tests). */
  static boolean plaintextBufferIsClear() {
    for (byte b : PLAINTEXT.get()) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whose HPKE seals: {@code conscrypt} or {@code tink} (tests). */
  String hpke() {
    return conscrypt != null ? "conscrypt" : "tink";
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
