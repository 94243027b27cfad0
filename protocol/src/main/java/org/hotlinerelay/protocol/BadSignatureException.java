// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** An envelope's signature does not verify under its relay's known public key. */
public final class BadSignatureException extends ProtocolException {
  public BadSignatureException() {
    super("envelope signature does not verify");
  }
}
