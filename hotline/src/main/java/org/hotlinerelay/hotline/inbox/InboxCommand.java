// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inbox list|show|export}: the picocli glue around {@link Inbox}. */
@Command(name = "inbox", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decrypt and read what the intake stored: list, show, export; the analyst's workstation: serve, audit verify.",
        "Needs the hotline private key file and its passphrase. Reports are decrypted in memory "
            + "only; nothing is written in plaintext except by 'inbox export' and the workstation's export. "
            + "Only the workstation writes an audit log: list, show and export leave no entry in it."},
    subcommands = {InboxCommand.ListReports.class, InboxCommand.ShowReport.class, InboxCommand.ExportReports.class,
        ServeCommand.class, AuditCommand.class})
public final class InboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  static Consumer<Skipped> reportTo(PrintWriter err) {
    return s -> err.println(s.line());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"One line per report, oldest first: envelope id, new/read, received hour, portal, "
          + "language, kind of content, first address defanged (hxxps://example[.]com/...).",
          "Envelopes that do not open are named on stderr and skipped."})
  static final class ListReports implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin InboxOptions options;

    @Option(names = "--since", paramLabel = "DATE|HOUR",
        description = "Only reports received from this date (2026-11-28) or hour (2026-11-28T16:00Z) on.")
    String since;

    @Option(names = "--portal", paramLabel = "ID", description = "Only reports from this portal (its id in either case).")
    String portal;

    @Option(names = "--unread", description = "Only reports not shown yet.")
    boolean unread;

    @Override
    public Integer call() throws IOException {
      String sinceHour = null;
      if (since != null) {
        try {
          sinceHour = InboxFilter.parseSince(since);
        } catch (IllegalArgumentException e) {
          throw CommandFailure.usage("--since must be a date (2026-11-28) or an hour (2026-11-28T16:00Z)");
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int[] skipped = new int[1];
      List<InboxEntry> entries;
      try (Inbox inbox = options.open()) {
        Export.ProgressListener progress = System.console() != null
            ? new TerminalProgress(err, "Opening", TerminalProgress.AFTER_NANOS) : Export.ProgressListener.NONE;
        entries = inbox.list(new InboxFilter(sinceHour, portal, unread), s -> {
          skipped[0]++;
          err.println(s.line());
        }, progress);
      }
      for (String line : ReportText.listTable(entries)) {
        out.println(line);
      }
      out.flush();
      err.println(entries.size() + (entries.size() == 1 ? " report" : " reports") + " listed (" + skipped[0] + " skipped)");
      return ExitCode.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"The whole report, addresses defanged unless --raw; marks it read.",
          "ID is an envelope id (from 'inbox list') or a report id, or any unique start of one "
              + "(at least 8 hex digits, either case)."})
  static final class ShowReport implements Callable<Integer> {
    private static final java.util.regex.Pattern ID_PREFIX = java.util.regex.Pattern.compile("[0-9a-fA-F]{8,32}");
    @Spec CommandSpec spec;
    @Mixin InboxOptions options;

    @Parameters(paramLabel = "ID", description = "Envelope id or report id, or a unique start of one (8-32 hex digits).")
    String id;

    @Option(names = "--raw", description = "Print addresses as submitted (clickable). Careful.")
    boolean raw;

    @Override
    public Integer call() throws IOException {
      if (!ID_PREFIX.matcher(id).matches()) {
        throw CommandFailure.usage("ID must be 8 to 32 hex digits (an envelope id or report id, or a unique start of one)");
      }
      String prefix = id.toLowerCase(java.util.Locale.ROOT);
      try (Inbox inbox = options.open()) {
        Optional<Object> found;
        try {
          found = inbox.find(prefix);
        } catch (Inbox.AmbiguousIdException e) {
          throw CommandFailure.runtime(e.matches() + " reports have an id starting with " + prefix + "; give more digits");
        }
        if (found.isEmpty()) {
          throw CommandFailure.runtime("no report with id " + id);
        }
        if (found.get() instanceof Skipped s) {
          throw CommandFailure.runtime("envelope " + s.envelopeId() + " " + s.reason());
        }
        InboxEntry entry = (InboxEntry) found.get();
        spec.commandLine().getOut().print(ReportText.show(entry, raw));
        spec.commandLine().getOut().flush();
        try {
          inbox.markRead(entry.envelopeId());
        } catch (IOException e) {
          spec.commandLine().getErr().println("Warning: could not record that this report was read "
              + "(" + e.getClass().getSimpleName() + "); give a writable --read-state FILE");
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Write every report, decrypted, to FILE (jsonl or csv).",
          "WARNING: this writes the reports in PLAINTEXT to disk. Doing so is your explicit act: "
              + "keep the file on an encrypted disk, share it only as your hotline's rules allow, "
              + "and delete it when done. The file is created with mode 0600 and an existing file "
              + "is never overwritten. Values are exported as submitted (addresses not defanged).",
          "Envelopes that do not open are named on stderr and skipped; a summary line ends the export."})
  static final class ExportReports implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin InboxOptions options;

    @Option(names = "--format", paramLabel = "jsonl|csv", required = true, converter = FormatConverter.class,
        description = "jsonl: one {\"envelopeId\",\"report\"} object a line; csv: RFC 4180 with a header row.")
    Exporter format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The new file to write (must not exist).")
    Path out;

    private static String exists(Path out) {
      return "refusing to overwrite existing file: " + out + "; give a new file to --out";
    }

    @Override
    public Integer call() throws IOException {
      if (java.nio.file.Files.exists(out)) {
        throw CommandFailure.runtime(exists(out));
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
        throw CommandFailure.runtime("folder not found for --out: " + out);
      }
      PrintWriter err = spec.commandLine().getErr();
      Export.Summary summary;
      try (Inbox inbox = options.open()) {
        Export.ProgressListener progress = System.console() != null ? new TerminalProgress(err, "Exporting", 0) : Export.ProgressListener.NONE;
        summary = Export.run(inbox, format, out, reportTo(err), progress);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw CommandFailure.runtime(exists(out));
      }
      spec.commandLine().getOut().println(summary.line());
      spec.commandLine().getOut().flush();
      return ExitCode.OK;
    }
  }

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Exporter> {
    @Override
    public Exporter convert(String value) {
      for (Exporter e : Exporter.values()) {
        if (e.label().equals(value)) {
          return e;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("--format must be jsonl or csv");
    }
  }

  /**
   * A one-line progress counter on stderr, for long runs on a terminal: shown for at least
   * {@value #MIN_TOTAL} envelopes, and only once {@code afterNanos} have passed (so a quick
   * listing prints nothing extra).
   */
  static final class TerminalProgress implements Export.ProgressListener {
    static final long AFTER_NANOS = 1_500_000_000L;
    private static final int MIN_TOTAL = 1000;
    private final PrintWriter err;
    private final String label;
    private final long showAfter;
    private boolean shown;

    TerminalProgress(PrintWriter err, String label, long afterNanos) {
      this.err = err;
      this.label = label;
      this.showAfter = System.nanoTime() + afterNanos;
    }

    @Override
    public void update(int done, int total) {
      if (total < MIN_TOTAL || (!shown && System.nanoTime() < showAfter)) {
        return;
      }
      int width = 30;
      int filled = (int) ((long) done * width / total);
      err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
      err.flush();
      shown = true;
    }

    @Override
    public void finish() {
      if (shown) {
        err.println();
        shown = false;
      }
    }
  }
}
