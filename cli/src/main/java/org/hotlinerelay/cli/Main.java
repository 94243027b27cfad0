// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import java.io.PrintWriter;
import org.hotlinerelay.hotline.inbox.InboxCommand;
import org.hotlinerelay.hotline.intake.IntakeCommand;
import org.hotlinerelay.hotline.keys.KeysCommand;
import org.hotlinerelay.protocol.launch.ConsoleLogging;
import org.hotlinerelay.protocol.launch.Launcher;
import org.hotlinerelay.relay.RelayCommand;
import org.hotlinerelay.site.SiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hotline-relay}: one launcher for every part (the hotline's and the relay's; a relay host
 * runs the relay's own jar, {@code RelayMain}). Exit codes and errors as every launcher
 * ({@link Launcher}).
 */
@Command(
    name = "hotline-relay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Anonymous reporting of online child sexual abuse material to a hotline.",
    subcommands = {
      DemoCommand.class,
      RelayCommand.class,
      KeysCommand.class,
      IntakeCommand.class,
      InboxCommand.class,
      SiteCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    ConsoleLogging.install();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the launcher with the given streams; returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return Launcher.run(new CommandLine(new Main()), args, out, err);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
