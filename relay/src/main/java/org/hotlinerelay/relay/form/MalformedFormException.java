// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

/**
 * A form body that is not well-formed {@code application/x-www-form-urlencoded} UTF-8 (bad
 * percent-encoding, invalid UTF-8, too many parameters): answered with a fixed 400 page. Its
 * message is fixed text and never quotes the input.
 */
public final class MalformedFormException extends Exception {
  public MalformedFormException(String message) {
    super(message, null, false, false);
  }
}
