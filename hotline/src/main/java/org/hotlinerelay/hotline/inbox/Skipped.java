// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

/**
 * An inbox file that could not be read as a report: reported by id and skipped, never fatal.
 *
 * @param envelopeId the file's name
 * @param reason fixed text, never input bytes
 */
public record Skipped(String envelopeId, String reason) {
  static final String NOT_AN_ENVELOPE = "not a valid envelope";
  static final String CANNOT_OPEN = "cannot be opened with this key (damaged, or sealed for another key)";
  static final String BAD_SCHEMA = "opened, but the report does not match the schema";
  static final String UNREADABLE = "cannot be read from disk";

  /** The line printed on stderr. */
  public String line() {
    return "Skipped envelope " + envelopeId + ": " + reason;
  }
}
