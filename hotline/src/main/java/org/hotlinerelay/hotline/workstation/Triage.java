// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.util.List;

/**
 * One report's triage: its state, the analyst who set it, the report it duplicates (for
 * {@link TriageState#DUPLICATE}) and the notes, oldest first. Plaintext in memory; on disk only
 * inside a {@link SealedLog}.
 *
 * @param analyst who set the state, or empty for a report nobody has touched
 * @param duplicateOf envelope id of the report this one duplicates, or empty
 */
public record Triage(TriageState state, String analyst, String duplicateOf, List<Note> notes) {
  static final Triage UNTOUCHED = new Triage(TriageState.NEW, "", "", List.of());

  /** A note on a report. */
  public record Note(String analyst, String at, String text) {
    @Override
    public String toString() {
      return "Note[redacted]";
    }
  }

  @Override
  public String toString() {
    return "Triage[" + state + "]";
  }
}
