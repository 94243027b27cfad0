// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hotlinerelay.hotline.workstation.AuditLog;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inbox audit verify}: checks the workstation audit log's hash chain. Needs no passphrase. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The workstation's audit log.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Checks that no audit entry was removed, changed or reordered (hash chain).",
          "Exit 0 when the chain holds, 2 when it is broken (the first bad line is named)."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateOption state;

    @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INBOX}",
        description = "The inbox folder, to find the default state folder (HOTLINE_RELAY_INBOX).")
    Path inbox;

    @Override
    public Integer call() throws IOException {
      if (state.state == null && inbox == null) {
        throw CommandFailure.usage("--state DIR or --inbox DIR is required");
      }
      Path file = state.dir(inbox).resolve(AuditLog.FILE);
      if (!Files.isRegularFile(file)) {
        throw CommandFailure.runtime("no audit log at " + file
            + ": the workstation starts it when it is first unlocked; check --state or --inbox");
      }
      AuditLog.Verdict v = AuditLog.verify(file);
      if (!v.ok()) {
        throw CommandFailure.runtime(broken(file, v));
      }
      spec.commandLine().getOut().println("Audit log OK: " + v.entries() + " entr" + (v.entries() == 1 ? "y" : "ies") + ", chain intact.");
      spec.commandLine().getOut().flush();
      return ExitCode.OK;
    }

    /** The line naming a broken audit log: where it breaks, and to keep the file as evidence. */
    static String broken(Path file, AuditLog.Verdict v) {
      return "audit log broken at line " + v.badLine() + " of " + file
          + ": an entry was removed, changed or reordered; keep the file as evidence";
    }
  }
}
