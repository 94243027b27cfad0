// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.io.PrintWriter;
import org.hotlinerelay.protocol.launch.ConsoleLogging;
import org.hotlinerelay.protocol.launch.Launcher;
import picocli.CommandLine;

/**
 * The relay's own jar ({@code relay/target/hotline-relay-relay.jar}): {@link RelayCommand} and
 * nothing of the hotline's, for partner hosts. Built from this module alone, so it holds no class
 * that can open a report or read a private key file ({@code RelayJarTest}). The same options,
 * environment variables, exit codes and {@code Error:} lines as {@code hotline-relay relay}.
 */
public final class RelayMain {
  /** How the relay's jar is run: its usage and {@code Try '… --help'} lines say so. */
  static final String NAME = "java -jar hotline-relay-relay.jar";

  private RelayMain() {}

  public static void main(String[] args) {
    ConsoleLogging.install();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new RelayCommand());
    cli.setCommandName(NAME);
    return Launcher.run(cli, args, out, err);
  }
}
