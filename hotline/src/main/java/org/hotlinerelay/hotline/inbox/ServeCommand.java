// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hotlinerelay.hotline.workstation.AuditLog;
import org.hotlinerelay.hotline.workstation.StateLock;
import org.hotlinerelay.hotline.workstation.Workstation;
import org.hotlinerelay.hotline.workstation.web.WorkstationServer;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code inbox serve}: unlocks the workstation and serves it on a loopback address until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The analyst's workstation in a browser on this computer: queue, search, triage, "
        + "duplicates, notes, audit log, export.",
        "Unlocks with the private key's passphrase, indexes what is new, then prints a one-time link "
            + "to open in your browser. Listens on a loopback address only. Stop with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
  private static final String NOT_LOOPBACK =
      "--listen must be a loopback address (127.0.0.1, ::1 or localhost): the workstation never listens on a network";
  @Spec CommandSpec spec;
  @Mixin InboxOptions options;
  @Mixin StateOption state;

  @Option(names = "--analyst", paramLabel = "NAME", defaultValue = "${env:HOTLINE_RELAY_ANALYST}",
      description = "Your name as it goes in the audit log and on triage; required (HOTLINE_RELAY_ANALYST).")
  String analyst;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_WORKSTATION_LISTEN:-127.0.0.1:8090}",
      description = "Loopback address and port to serve on (HOTLINE_RELAY_WORKSTATION_LISTEN, default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--export-dir", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_EXPORT_DIR:-.}",
      description = "Where exports are written (HOTLINE_RELAY_EXPORT_DIR, default: the folder"
          + " the workstation was started in).")
  Path exportDir;

  @Override
  public Integer call() throws Exception {
    if (analyst == null) {
      throw CommandFailure.usage("--analyst NAME is required: 1-40 letters, digits, spaces, '.', '-' or '_'");
    }
    if (!AuditLog.ANALYST.matcher(analyst).matches()) {
      throw CommandFailure.usage("--analyst must be 1-40 letters, digits, spaces, '.', '-' or '_'");
    }
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw CommandFailure.usage("--listen must be HOST:PORT, for example 127.0.0.1:8090");
    }
    String host = listen.substring(0, Math.max(0, colon)).replace("[", "").replace("]", "");
    if (!WorkstationServer.isLoopback(host)) {
      throw CommandFailure.usage(NOT_LOOPBACK);
    }
    if (!Files.isDirectory(exportDir)) {
      throw CommandFailure.runtime("export folder not found: " + exportDir);
    }
    requireFree(host, port);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    options.checkPaths(); // before the state folder is made or locked
    try (StateLock lock = lock(state.dir(options.inbox))) {
      Path audit = state.dir(options.inbox).resolve(AuditLog.FILE);
      AuditLog.Verdict v = AuditLog.verify(audit);
      if (!v.ok()) {
        throw CommandFailure.runtime(AuditCommand.Verify.broken(audit, v) + ", then move it aside to start a new log");
      }
      return serve(out, err, host, port);
    }
  }

  private static StateLock lock(Path stateDir) {
    try {
      return StateLock.tryAcquire(stateDir).orElseThrow(() -> CommandFailure.runtime("another workstation is running on "
          + stateDir + "; stop it first, or give each analyst their own --state folder"));
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot use the workstation state folder " + stateDir + " (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  private int serve(PrintWriter out, PrintWriter err, String host, int port) throws Exception {
    char[] secret = options.passphrase();
    Inbox inbox = null;
    try {
      inbox = options.open(secret, null);
      Workstation ws = unlock(inbox, secret, err);
      Arrays.fill(secret, '\0'); // not needed again while the server runs
      ws.skipped().forEach(s -> err.println(s.line()));
      WorkstationServer server;
      try {
        server = WorkstationServer.start(ws, host, port, exportDir);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(NOT_LOOPBACK);
      } catch (RuntimeException e) {
        throw CommandFailure.runtime(busy(listen));
      }
      out.println(unlocked(analyst, ws.size(), ws.skipped().size()));
      out.println("Open this link once in your browser (it works a single time): " + server.unlockUrl());
      out.println("Stop with Ctrl-C.");
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }));
      stopped.await();
      return ExitCode.OK;
    } finally {
      Arrays.fill(secret, '\0');
      if (inbox != null) {
        inbox.close();
      }
    }
  }

  /**
   * The line that says the workstation is open, counting the envelopes that did not open (each
   * named on stderr): the browser shows only the reports that did.
   */
  static String unlocked(String analyst, int reports, int skipped) {
    return "Workstation unlocked for " + analyst + ": " + reports + " report" + (reports == 1 ? "" : "s")
        + (skipped == 0 ? "." : "; " + skipped + " envelope" + (skipped == 1 ? "" : "s")
            + " did not open and " + (skipped == 1 ? "is" : "are") + " not in it (named above).");
  }

  /**
   * Fails when {@code host:port} cannot be listened on, before the passphrase is asked and the
   * inbox indexed, so that a busy port costs no wait and leaves no unlock in the audit log.
   */
  private void requireFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException | IllegalArgumentException e) {
      throw CommandFailure.runtime(busy(listen));
    }
  }

  private static String busy(String listen) {
    return "cannot listen on " + listen + " (address in use or not allowed); choose another with --listen";
  }

  private Workstation unlock(Inbox inbox, char[] secret, PrintWriter err) throws IOException {
    try {
      return Workstation.unlock(inbox, state.dir(options.inbox), secret, analyst, new UnlockProgress(err));
    } catch (WrongPassphraseException e) {
      throw CommandFailure.runtime("the workstation state in " + state.dir(options.inbox)
          + " is locked with another passphrase or damaged");
    } catch (MalformedMessageException | GeneralSecurityException e) {
      throw CommandFailure.runtime("the workstation state in " + state.dir(options.inbox)
          + " is damaged (" + e.getClass().getSimpleName() + "); move it aside to rebuild the index (triage and notes would be lost)");
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot open the workstation state in " + state.dir(options.inbox)
          + " (" + e.getClass().getSimpleName() + "); if the audit log fails 'inbox audit verify', keep it as evidence and move it aside");
    }
  }

  /** Indexing progress on stderr, once there are enough new envelopes to wait for. */
  static final class UnlockProgress implements Workstation.Progress {
    private final PrintWriter err;
    private boolean shown;

    UnlockProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void update(int done, int total) {
      if (total < 1000) {
        return;
      }
      err.print("\rIndexing new reports: " + done + "/" + total);
      if (done == total) {
        err.println();
      }
      err.flush();
      shown = true;
    }

    @Override
    public String toString() {
      return "UnlockProgress[" + shown + "]";
    }
  }
}
