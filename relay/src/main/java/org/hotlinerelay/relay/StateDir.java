// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a relay keeps its signing key and spool when no flag names them:
 * {@code $XDG_STATE_HOME/hotline-relay}, or {@code ~/.local/state/hotline-relay} when the variable
 * is unset or not absolute. Never the working directory, so a relay started from a source
 * checkout leaves no private signing key in the work tree.
 */
final class StateDir {
  /** How {@code --help} names this folder. */
  static final String LABEL = "STATE";

  private StateDir() {}

  static Path of(Map<String, String> env, String userHome) {
    String xdg = env.getOrDefault("XDG_STATE_HOME", "");
    Path base = !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".local", "state");
    return base.resolve("hotline-relay");
  }

  static Path current() {
    return of(System.getenv(), System.getProperty("user.home"));
  }
}
