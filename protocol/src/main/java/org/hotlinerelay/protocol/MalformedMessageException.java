// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** The bytes are not a message of this protocol: truncated, oversize, bad padding, bad JSON, unknown field. */
public final class MalformedMessageException extends ProtocolException {
  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
