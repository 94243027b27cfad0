// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

/** One report in the queue: what the index holds of it and its triage. */
public record Item(IndexEntry entry, Triage triage) {
  public String envelopeId() {
    return entry.envelopeId();
  }

  @Override
  public String toString() {
    return "Item[" + entry.envelopeId() + "]";
  }
}
