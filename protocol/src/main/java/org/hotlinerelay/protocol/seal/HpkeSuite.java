// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.seal;

import com.google.crypto.tink.hybrid.HpkeParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.report.Limits;

/**
 * The one HPKE suite reports are sealed with: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, with Tink's key-id prefix so that a rotated keyset still opens old reports.
 */
public final class HpkeSuite {
  /** Bound into every seal: a report sealed for another schema version or purpose does not open. */
  public static final byte[] CONTEXT =
      ("hotline-relay/report/v" + Limits.SCHEMA_VERSION).getBytes(StandardCharsets.US_ASCII);

  /** Tink prefix (5) + encapsulated X25519 key (32) + padded plaintext + GCM tag (16). */
  public static final int SEALED_BYTES = 5 + 32 + Limits.PADDED_PLAINTEXT_BYTES + 16;

  private HpkeSuite() {}

  public static HpkeParameters parameters() {
    try {
      return HpkeParameters.builder()
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
          .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
          .setVariant(HpkeParameters.Variant.TINK)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink lacks the HPKE suite", e);
    }
  }
}
