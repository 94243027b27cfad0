package org.hotlinerelay.hotline.inbox;

import java.util.Arrays;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;

/**
 * Reads what the inbox needs from a stored envelope (its id and sealed bytes): the intake stores
 * each report envelope in {@link EnvelopeBinary}'s form, parsed here as strictly as the intake
 * parses it. The signature was checked by the intake; the sealed bytes authenticate themselves
 * when they open (AEAD), so a changed byte fails there. A cover envelope is never stored; one
 * found here anyway is not a report.
 */
final class StoredEnvelope {
  /** The parts of an envelope the inbox uses. */
  record Parts(String id, byte[] sealed) {
    @Override
    public String toString() {
      return "Parts[" + id + "]";
    }
  }

  private StoredEnvelope() {}

  /** The id and sealed bytes, or {@code null} when the bytes are not a stored report envelope. */
  static Parts read(byte[] bytes) {
    return read(bytes, bytes.length);
  }

  /** As {@link #read(byte[])}, over the first {@code length} bytes of {@code buffer}. */
  static Parts read(byte[] buffer, int length) {
    try {
      Envelope envelope = EnvelopeBinary.decode(Arrays.copyOf(buffer, length));
      return envelope.cover() ? null : new Parts(envelope.id(), envelope.sealed());
    } catch (MalformedMessageException | UnsupportedVersionException e) {
      return null;
    }
  }
}
