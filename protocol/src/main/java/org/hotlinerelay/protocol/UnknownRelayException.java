// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** An envelope names a relay whose public key the hotline does not know. */
public final class UnknownRelayException extends ProtocolException {
  public UnknownRelayException() {
    super("envelope from an unknown relay");
  }
}
