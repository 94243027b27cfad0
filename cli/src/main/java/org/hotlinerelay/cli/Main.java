// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.hotlinerelay.hotline.inbox.InboxCommand;
import org.hotlinerelay.hotline.intake.IntakeCommand;
import org.hotlinerelay.hotline.keys.KeysCommand;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.relay.RelayCommand;
import org.hotlinerelay.site.SiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hotline-relay}: one launcher for every part. Exit codes: 0 ok, 1 usage error, 2 runtime
 * failure, each failure with one line {@code Error: …} on stderr and never a stack trace.
 */
@Command(
    name = "hotline-relay",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
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
    CommandLine cli = new CommandLine(new Main());
    giveEveryCommandTheVersion(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      // Some picocli messages (argument groups) already begin with "Error: ".
      String message = ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
      err.println("Error: " + message);
      err.println("Try 'hotline-relay " + commandPath(ex.getCommandLine()) + "--help'.");
      return ExitCode.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof CommandFailure failure) {
        err.println("Error: " + failure.getMessage());
        return failure.exitCode();
      }
      // Never echo an exception message: it could carry input. The class name is enough to file a bug.
      err.println("Error: unexpected failure (" + ex.getClass().getSimpleName() + ")");
      return ExitCode.FAILURE;
    });
    return cli.execute(args);
  }

  /** {@code -V} on a subcommand prints the launcher's version, like {@code -V} on the launcher. */
  private static void giveEveryCommandTheVersion(CommandLine commandLine) {
    commandLine.getCommandSpec().versionProvider(new Version());
    commandLine.getSubcommands().values().forEach(Main::giveEveryCommandTheVersion);
  }

  private static String commandPath(CommandLine commandLine) {
    String qualified = commandLine.getCommandSpec().qualifiedName(" ");
    String path = qualified.startsWith("hotline-relay") ? qualified.substring("hotline-relay".length()).strip() : qualified;
    return path.isEmpty() ? "" : path + " ";
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version Maven wrote into {@code version.properties} when it built this jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        properties.load(in);
      }
      return new String[] {"hotline-relay " + properties.getProperty("version")};
    }
  }
}
