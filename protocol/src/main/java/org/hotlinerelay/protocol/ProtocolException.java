// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/**
 * A message that cannot be accepted. Subclasses say why; messages never contain the input's bytes,
 * so they are safe to log as a class name and fixed text.
 */
public abstract class ProtocolException extends Exception {
  protected ProtocolException(String message) {
    super(message);
  }

  protected ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
