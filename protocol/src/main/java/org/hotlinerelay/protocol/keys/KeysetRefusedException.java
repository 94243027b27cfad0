// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.keys;

import java.security.GeneralSecurityException;

/** A keyset that must not be used here: private material where only public is allowed, or the wrong suite. */
public final class KeysetRefusedException extends GeneralSecurityException {
  public KeysetRefusedException(String message) {
    super(message);
  }
}
