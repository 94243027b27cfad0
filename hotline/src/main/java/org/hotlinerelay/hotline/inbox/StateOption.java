// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the workstation keeps its encrypted index, triage, notes and audit log. */
final class StateOption {
  /** Default folder name, inside the inbox folder (the intake ignores it: not an envelope name). */
  static final String DEFAULT = ".workstation";

  @Option(names = "--state", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_WORKSTATION_STATE}",
      description = "The workstation's state folder: encrypted index, triage and notes, and the audit log "
          + "(HOTLINE_RELAY_WORKSTATION_STATE, default: the inbox folder's " + DEFAULT + ").")
  Path state;

  Path dir(Path inbox) {
    return state != null ? state : inbox.resolve(DEFAULT);
  }
}
