// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hotlinerelay.hotline.intake.IntakeStartException;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: the picocli glue around {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run everything on loopback with throwaway keys: an intake, and a relay serving "
        + "the portal that seals reports and forwards them to it. Prints the portal's address and "
        + "the command that reads what was sent. Ctrl-C stops both and deletes the demo folder; "
        + "every run starts fresh.",
        "DEMO ONLY: the keys' passphrase is printed and kept beside them. Never send real reports to a demo."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--relay-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the relay, the portal (default: ${DEFAULT-VALUE}).")
  int relayPort;

  @Option(names = "--intake-port", paramLabel = "PORT", defaultValue = "8081", description = "Port of the hotline intake (default: ${DEFAULT-VALUE}).")
  int intakePort;

  /** A port already taken on 127.0.0.1 fails at once, naming the flag that changes it. */
  private static void refuseBusy(int port, String flag) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot listen on 127.0.0.1:" + port + " (address in use); choose another port with "
          + flag);
    }
  }

  private static String seconds(java.time.Duration d) {
    return d.toSeconds() + " s";
  }

  @Override
  public Integer call() {
    if (relayPort < 1 || relayPort > 65535 || intakePort < 1 || intakePort > 65535 || relayPort == intakePort) {
      throw CommandFailure.usage("--relay-port and --intake-port must be two different ports, 1-65535");
    }
    refuseBusy(relayPort, "--relay-port");
    refuseBusy(intakePort, "--intake-port");
    Demo demo;
    try {
      demo = Demo.start(relayPort, intakePort);
    } catch (IntakeStartException e) {
      throw CommandFailure.runtime(e.getMessage() + "; is another demo running? Choose other ports with"
          + " --relay-port and --intake-port");
    } catch (IOException | GeneralSecurityException e) {
      throw CommandFailure.runtime("cannot prepare the demo keys (" + e.getClass().getSimpleName() + ")");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    PrintWriter out = spec.commandLine().getOut();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      out.println("Demo stopped; deleted " + demo.folder + ".");
      out.flush();
      stopped.countDown();
    }, "demo-shutdown"));
    out.println();
    out.println("Hotline Relay demo — DEMO ONLY, throwaway keys; never send real reports here.");
    out.println();
    out.println("  Portal (report form):  http://127.0.0.1:" + demo.relay.port() + "/");
    out.println("  Hotline intake:        http://127.0.0.1:" + demo.intake.port() + "/v1/envelopes");
    out.println("  Forwarding:            a batch every " + seconds(Demo.SCHEDULE.interval()) + ", release window "
        + seconds(Demo.SCHEDULE.window()) + " (DEMO; production: a batch every minute, the hour)");
    out.println("  Demo folder:           " + demo.folder);
    out.println("  Key passphrase:        " + demo.passphrase + "   (DEMO ONLY)");
    out.println();
    out.println("Send a report from the portal. The relay holds it until a random moment of the next");
    out.println("window, so that when it reaches the hotline tells nothing about when it was sent:");
    out.println("here it is in the inbox within "
        + seconds(Demo.SCHEDULE.window().multipliedBy(2).plus(Demo.SCHEDULE.interval())) + ". Then read it in another terminal:");
    out.println();
    out.println("  " + demo.inboxListCommand());
    out.println();
    out.println("('inbox show ID' with the same options prints one report.)");
    out.println("Press Ctrl-C to stop; the demo folder is then deleted.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }
}
