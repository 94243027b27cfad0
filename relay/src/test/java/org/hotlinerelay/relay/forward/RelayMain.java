// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import org.hotlinerelay.relay.RelayCommand;
import picocli.CommandLine;

/** Entry point of the child relay JVM in {@link CrashSafetyTest}: the real relay command. */
public final class RelayMain {
  private RelayMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new RelayCommand()).execute(args));
  }
}
