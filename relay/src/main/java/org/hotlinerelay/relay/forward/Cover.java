// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.security.GeneralSecurityException;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.relay.keys.HotlineKeyset;

/**
 * Makes cover envelopes: a fixed cover report sealed under the hotline's current public key, like
 * any report (the same padded size, a fresh HPKE encapsulation each time, so that no one without
 * the private key can tell the sealed part from a report's), signed by the relay with the cover
 * flag set. The intake drops them after checking the signature. The cover report holds nothing of
 * any reporter. Thread-safe.
 */
public final class Cover {
  private final HotlineKeyset keys;
  private final EnvelopeSigner signer;

  public Cover(HotlineKeyset keys, EnvelopeSigner signer) {
    this.keys = keys;
    this.signer = signer;
  }

  /** A new cover envelope. */
  public Envelope next() throws GeneralSecurityException {
    return signer.wrapCover(keys.sealer().seal(report()));
  }

  private static Report report() {
    return new Report(Ids.random(), "1970-01-01T00:00Z", "cover", "en", List.of("https://cover.invalid/"),
        ContentKind.OTHER, "", "", "", null, null);
  }

  @Override
  public String toString() {
    return "Cover[" + signer.relayId() + "]";
  }
}
