// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine;

/**
 * Runs a command line the way every Hotline Relay launcher does: exit codes 0 ok, 1 usage error,
 * 2 runtime failure; each failure one line {@code Error: …} on stderr first (a usage error then
 * names the {@code --help} to read), never a stack trace and never an exception's message, which
 * could carry input. {@code -V} on any command prints the version Maven built.
 */
public final class Launcher {
  private Launcher() {}

  /** Runs {@code cli} on {@code args} with the given streams; returns the exit code. */
  public static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
    giveEveryCommandTheVersion(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      // Some picocli messages (argument groups) already begin with "Error: ".
      String message = ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
      err.println("Error: " + message);
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help'.");
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

  private static void giveEveryCommandTheVersion(CommandLine commandLine) {
    commandLine.getCommandSpec().versionProvider(new Version());
    commandLine.getSubcommands().values().forEach(Launcher::giveEveryCommandTheVersion);
  }

  /** The version Maven wrote into {@code version.properties} when it built this jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Launcher.class.getResourceAsStream("version.properties")) {
        properties.load(in);
      }
      return new String[] {"hotline-relay " + properties.getProperty("version")};
    }
  }
}
