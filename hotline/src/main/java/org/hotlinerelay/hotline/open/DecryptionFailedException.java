// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.open;

import org.hotlinerelay.protocol.ProtocolException;

/**
 * A sealed report did not open: wrong key, a changed byte, the wrong context, or a truncated
 * ciphertext. HPKE cannot tell these apart, by design.
 */
public final class DecryptionFailedException extends ProtocolException {
  public DecryptionFailedException(Throwable cause) {
    super("sealed report does not open with this keyset", cause);
  }
}
