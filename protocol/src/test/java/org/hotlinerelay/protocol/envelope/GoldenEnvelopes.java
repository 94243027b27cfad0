package org.hotlinerelay.protocol.envelope;

import com.google.crypto.tink.PublicKeySign;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.report.Ids;

/** Writes a version 1 envelope, for the golden files only (a relay writes {@link Envelope#VERSION}). */
public final class GoldenEnvelopes {
  private GoldenEnvelopes() {}

  public static Envelope version1(PublicKeySign sign, String relayId, byte[] sealed) throws GeneralSecurityException {
    String id = Ids.random();
    return new Envelope(1, id, relayId, sealed, sign.sign(Envelope.signedBytes(1, id, relayId, sealed)));
  }
}
