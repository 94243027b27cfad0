// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.util.Objects;
import org.hotlinerelay.protocol.report.Report;

/**
 * One opened report and the envelope it came in. Plaintext: lives in memory only, never written
 * by the inbox unless the staff member exports. {@link #toString()} prints the envelope id only.
 *
 * @param envelopeId the inbox file's name (random, reveals nothing)
 * @param report the decrypted, schema-checked report
 * @param read whether a staff member has shown it before
 */
public record InboxEntry(String envelopeId, Report report, boolean read) {
  public InboxEntry {
    Objects.requireNonNull(envelopeId, "envelopeId");
    Objects.requireNonNull(report, "report");
  }

  @Override
  public String toString() {
    return "InboxEntry[" + envelopeId + ", redacted]";
  }
}
