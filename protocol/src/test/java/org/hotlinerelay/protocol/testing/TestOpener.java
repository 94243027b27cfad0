// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.testing;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.ProtocolException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * Opens a sealed report with Tink directly, for tests of modules that must not depend on the
 * hotline's opener (protocol, relay). TEST-ONLY: it lives in protocol's test jar, never on the
 * relay's runtime classpath ({@code RelayClasspathTest}).
 */
public final class TestOpener {
  private TestOpener() {}

  /** The report sealed in {@code sealed}; a wrong key, context or byte is a {@link GeneralSecurityException}. */
  public static Report open(KeysetHandle privateKeyset, byte[] sealed) throws GeneralSecurityException, ProtocolException {
    HybridConfig.register();
    byte[] plaintext = privateKeyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class)
        .decrypt(sealed, HpkeSuite.CONTEXT);
    return ReportCodec.decode(plaintext);
  }
}
