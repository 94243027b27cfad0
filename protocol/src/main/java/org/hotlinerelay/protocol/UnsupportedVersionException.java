// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** A well-formed message of a schema version this code does not know (usually a newer one). */
public final class UnsupportedVersionException extends ProtocolException {
  public UnsupportedVersionException(int version) {
    super("unsupported schema version " + version);
  }
}
