// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** Well-formed JSON whose values break the report's rules (a field too long, a bad URL, …). */
public final class InvalidReportException extends ProtocolException {
  public InvalidReportException(String message) {
    super(message);
  }
}
