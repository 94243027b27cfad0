// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.open;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.hotlinerelay.hotline.open.internal.ConscryptHpkeDecrypt;
import org.hotlinerelay.protocol.InvalidReportException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * Opens sealed reports with the hotline's private keyset: used only at the hotline, by staff
 * tools. Any key in the keyset opens the reports sealed under it, so reports sealed before a
 * rotation still open. It opens through a Tink {@link HybridDecrypt}: Conscrypt's HPKE
 * ({@link ConscryptHpkeDecrypt}) where Conscrypt's native library loads and every key is of the
 * one suite, Tink's own elsewhere; neither changes the JVM's providers.
 *
 * <p>Every failure has its own exception and none crashes: wrong size → {@link
 * MalformedMessageException}; wrong key, changed byte, wrong context → {@link
 * DecryptionFailedException}; then the plaintext's own checks ({@link ReportCodec#decode}).
 * Thread-safe.
 */
public final class Opener {
  private final HybridDecrypt decrypt;

  private Opener(HybridDecrypt decrypt) {
    this.decrypt = decrypt;
  }

  /** From a keyset with private keys, e.g. from {@code PrivateKeyFile#open}. */
  public static Opener create(KeysetHandle privateKeyset) throws GeneralSecurityException {
    HybridConfig.register();
    HybridDecrypt decrypt = ConscryptHpkeDecrypt.forKeyset(privateKeyset);
    if (decrypt == null) {
      decrypt = privateKeyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    }
    return new Opener(decrypt);
  }

  public Report open(byte[] sealed) throws DecryptionFailedException, MalformedMessageException,
      UnsupportedVersionException, InvalidReportException {
    if (sealed.length != HpkeSuite.SEALED_BYTES) {
      throw new MalformedMessageException("sealed report has the wrong size");
    }
    byte[] plaintext;
    try {
      plaintext = decrypt.decrypt(sealed, HpkeSuite.CONTEXT);
    } catch (GeneralSecurityException e) {
      throw new DecryptionFailedException(e);
    }
    try {
      return ReportCodec.decode(plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Opener[redacted]";
  }
}
