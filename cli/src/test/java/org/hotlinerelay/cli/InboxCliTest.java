// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inbox list|show|export} through the launcher: outputs, and every error class. */
class InboxCliTest {
  static final String PASSPHRASE = "correct horse battery staple";
  @TempDir static Path temp;
  static Path inbox;
  static Path key;
  static Path passphraseFile;
  static Report typical;
  static String typicalEnvelope;
  static String damaged;

  @BeforeAll
  static void setUp() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    key = temp.resolve("hotline-private.json");
    PrivateKeyFile.create(key, hotline, PASSPHRASE.toCharArray());
    passphraseFile = temp.resolve("passphrase.txt");
    Files.writeString(passphraseFile, PASSPHRASE + "\n");
    inbox = Files.createDirectories(temp.resolve("inbox"));
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    EnvelopeSigner signer = EnvelopeSigner.create("relay-one", TestKeys.relaySigning());
    typical = TestReports.typical();
    typicalEnvelope = store(signer.wrap(sealer.seal(typical)));
    store(signer.wrap(sealer.seal(new Report(Ids.random(), "2026-11-27T08:00Z", "north", "en",
        List.of("http://a.example.org/p"), org.hotlinerelay.protocol.report.ContentKind.IMAGES, "", "", "", null, null))));
    damaged = Ids.random();
    Files.writeString(inbox.resolve(damaged), "{\"v\":1}");
  }

  static String store(Envelope e) throws Exception {
    Files.write(inbox.resolve(e.id()), EnvelopeBinary.encode(e));
    return e.id();
  }

  static CliRun inbox(String... args) {
    String[] full = new String[args.length + 6];
    System.arraycopy(args, 0, full, 0, args.length);
    System.arraycopy(new String[] {"--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", passphraseFile.toString()}, 0, full, args.length, 6);
    return CliRun.of(full);
  }

  @Test
  void list_oneLinePerReportOldestFirst_damagedNamedOnStderr() {
    CliRun run = inbox("inbox", "list");
    assertEquals(0, run.exit(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals(3, lines.length, run.out());
    assertTrue(lines[0].startsWith("ENVELOPE ID") && lines[0].contains("RECEIVED"), lines[0]);
    assertTrue(cells(lines[1]).contains("  2026-11-27T08:00Z  north  en  images  hxxp://a[.]example[.]org/p"), lines[1]);
    assertTrue(cells(lines[2]).matches(typicalEnvelope + "  (new|read)  2026-11-28T16:00Z  default  fr  both  "
        + "hxxps://example\\[\\.\\]com/gallery\\?id=42  \\(\\+1 more\\)"), lines[2]);
    assertTrue(run.err().contains("Skipped envelope " + damaged + ": not a valid envelope\n"), run.err());
    assertTrue(run.err().endsWith("2 reports listed (1 skipped)\n"), run.err());
  }

  @Test
  void show_wholeReportDefanged_thenNotUnread() throws Exception {
    Path state = temp.resolve("read-state-show");
    CliRun shown = inbox("inbox", "show", typicalEnvelope, "--read-state", state.toString());
    assertEquals(0, shown.exit(), shown.err());
    String text = shown.out();
    for (String expected : List.of("Report: " + typical.id(), "Received: 2026-11-28T16:00Z (rounded down)", "Portal: default",
        "Language: fr", "Content: both", "  hxxps://example[.]com/gallery?id=42",
        "  hxxp://exampleabcdefghijklmnop[.]onion/x", "  Third image in the second row",
        "  A link in a forum post", "  The page also links to other galleries.", "  Name:  A. Reporter",
        "  Email: reporter@example.org", "  Phone: +44 20 0000 0000")) {
      assertTrue(text.contains(expected + "\n"), expected + " in\n" + text);
    }
    assertFalse(text.contains("https://"), text);
    CliRun unread = inbox("inbox", "list", "--unread", "--read-state", state.toString());
    assertFalse(unread.out().contains(typicalEnvelope), unread.out());
    assertEquals(2, unread.out().split("\n").length, unread.out());
    assertTrue(unread.err().endsWith("1 report listed (1 skipped)\n"), unread.err());
    assertEquals(typicalEnvelope + "\n", Files.readString(state));
  }

  @Test
  void show_byUniqueStartOfIdInEitherCase() {
    CliRun byEnvelope = inbox("inbox", "show", typicalEnvelope.substring(0, 8).toUpperCase(java.util.Locale.ROOT),
        "--read-state", temp.resolve("rs-prefix").toString());
    assertEquals(0, byEnvelope.exit(), byEnvelope.err());
    assertTrue(byEnvelope.out().contains("Report: " + typical.id() + "\n"), byEnvelope.out());
    CliRun byReport = inbox("inbox", "show", typical.id().substring(0, 12), "--read-state", temp.resolve("rs-prefix").toString());
    assertEquals(0, byReport.exit(), byReport.err());
    assertTrue(byReport.out().contains("Envelope: " + typicalEnvelope + "\n"), byReport.out());
    assertError(1, "Error: ID must be 8 to 32 hex digits (an envelope id or report id, or a unique start of one)",
        "inbox", "show", typicalEnvelope.substring(0, 7), "--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", passphraseFile.toString());
  }

  @Test
  void serve_refusesNonLoopbackAndNamelessAnalyst() {
    assertError(1, "Error: --listen must be a loopback address (127.0.0.1, ::1 or localhost): the workstation never listens on a network",
        "inbox", "serve", "--analyst", "alice", "--listen", "0.0.0.0:0", "--state", temp.resolve("ws-state").toString(),
        "--inbox", inbox.toString(), "--key", key.toString(), "--passphrase-file", passphraseFile.toString());
    assertError(1, "Error: --analyst NAME is required: 1-40 letters, digits, spaces, '.', '-' or '_'",
        "inbox", "serve", "--listen", "127.0.0.1:0", "--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", passphraseFile.toString());
  }

  @Test
  void serve_malformedAnalystName_namedAsMalformedNotMissing() {
    assertError(1, "Error: --analyst must be 1-40 letters, digits, spaces, '.', '-' or '_'",
        "inbox", "serve", "--analyst", "Bob <x>", "--listen", "127.0.0.1:0", "--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", passphraseFile.toString());
  }

  @Test
  void serve_portInUse_refusedBeforeUnlocking() throws Exception {
    Path state = temp.resolve("busy-state");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      assertError(2, "Error: cannot listen on " + listen + " (address in use or not allowed); choose another with --listen",
          "inbox", "serve", "--analyst", "alice", "--listen", listen, "--state", state.toString(), "--inbox", inbox.toString(),
          "--key", key.toString(), "--passphrase-file", passphraseFile.toString());
    }
    assertFalse(Files.exists(state), "not unlocked: no state made and no unlock in an audit log");
  }

  @Test
  void serve_stateFolderInUseByAnotherWorkstation_refusedBeforeUnlocking() throws Exception {
    Path state = temp.resolve("shared-state");
    try (var running = org.hotlinerelay.hotline.workstation.StateLock.tryAcquire(state).orElseThrow()) {
      assertError(2, "Error: another workstation is running on " + state + "; stop it first, or give each analyst their own"
          + " --state folder", "inbox", "serve", "--analyst", "bob", "--listen", "127.0.0.1:0", "--state", state.toString(),
          "--inbox", inbox.toString(), "--key", key.toString(), "--passphrase-file", passphraseFile.toString());
    }
    assertFalse(Files.exists(state.resolve(org.hotlinerelay.hotline.workstation.AuditLog.FILE)), "no unlock audited");
  }

  @Test
  void serve_brokenAuditLog_namedWithWhatToDoBeforeUnlocking() throws Exception {
    Path log = auditLogOfTwoEntries("broken-state");
    Path state = log.getParent();
    Files.writeString(log, Files.readString(log).replace("\tview\t", "\tnote\t"));
    String before = Files.readString(log);
    assertError(2, "Error: audit log broken at line 2 of " + log + ": an entry was removed, changed or reordered; keep the file"
        + " as evidence, then move it aside to start a new log", "inbox", "serve", "--analyst", "alice", "--listen", "127.0.0.1:0",
        "--state", state.toString(), "--inbox", inbox.toString(), "--key", key.toString(), "--passphrase-file",
        passphraseFile.toString());
    assertEquals(before, Files.readString(log), "nothing appended");
  }

  @Test
  void auditVerify_passesOnIntactLog_failsOnTamperedOne() throws Exception {
    Path log = auditLogOfTwoEntries("audit-state");
    Path state = log.getParent();
    CliRun ok = CliRun.of("inbox", "audit", "verify", "--state", state.toString());
    assertEquals(0, ok.exit(), ok.err());
    assertEquals("Audit log OK: 2 entries, chain intact.\n", ok.out());
    Files.writeString(log, Files.readString(log).replace("\tview\t", "\tnote\t"));
    assertError(2, "Error: audit log broken at line 2 of " + log + ": an entry was removed, changed or reordered; keep the file as evidence",
        "inbox", "audit", "verify", "--state", state.toString());
  }

  @Test
  void show_raw_byReportId() {
    CliRun run = inbox("inbox", "show", typical.id(), "--raw", "--read-state", temp.resolve("rs-raw").toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("  https://example.com/gallery?id=42\n"), run.out());
  }

  @Test
  void export_jsonl_summaryLineAndFile() throws Exception {
    Path out = temp.resolve("out.jsonl");
    CliRun run = inbox("inbox", "export", "--format", "jsonl", "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("Exported 2 reports (1 skipped) to " + out + "\n", run.out());
    assertEquals(2, Files.readAllLines(out).size());
  }

  @Test
  void help_export_saysItWritesPlaintext() {
    CliRun run = CliRun.of("inbox", "export", "--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().contains("PLAINTEXT"), run.out());
    CliRun inbox = CliRun.of("inbox", "--help");
    assertTrue(inbox.out().replaceAll("\\s+", " ").contains("except by 'inbox export' and the workstation's export"), inbox.out());
  }

  @Test
  void wrongPassphrase_oneLineExit2() throws Exception {
    Path wrong = temp.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");
    CliRun run = CliRun.of("inbox", "list", "--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", wrong.toString());
    assertEquals(2, run.exit());
    assertEquals("Error: wrong passphrase or damaged key file\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void errors_eachClassItsExitCodeAndLine() throws Exception {
    Path notKey = temp.resolve("not-a-key.json");
    Files.writeString(notKey, "{\"format\":\"something else\"}");
    Path existing = temp.resolve("existing.csv");
    Files.writeString(existing, "keep");
    String missing = temp.resolve("missing").toString();
    String ibx = inbox.toString();
    String k = key.toString();
    String pf = passphraseFile.toString();
    assertError(1, "Error: --inbox DIR is required (or HOTLINE_RELAY_INBOX)",
        "inbox", "list", "--key", k, "--passphrase-file", pf);
    assertError(1, "Error: --key FILE is required (or HOTLINE_RELAY_KEY)",
        "inbox", "list", "--inbox", ibx, "--passphrase-file", pf);
    assertError(2, "Error: inbox folder not found: " + missing,
        "inbox", "list", "--inbox", missing, "--key", k, "--passphrase-file", pf);
    assertError(2, "Error: key file not found: " + missing,
        "inbox", "list", "--inbox", ibx, "--key", missing, "--passphrase-file", pf);
    assertError(2, "Error: --key " + temp + " is a folder: give the key file in it, " + temp.resolve("hotline-private.json"),
        "inbox", "list", "--inbox", ibx, "--key", temp.toString(), "--passphrase-file", pf);
    assertError(2, "Error: not a hotline private key file: " + notKey,
        "inbox", "list", "--inbox", ibx, "--key", notKey.toString(), "--passphrase-file", pf);
    assertError(2, "Error: passphrase file not found: " + missing,
        "inbox", "list", "--inbox", ibx, "--key", k, "--passphrase-file", missing);
    assertError(1, "Error: --since must be a date (2026-11-28) or an hour (2026-11-28T16:00Z)",
        "inbox", "list", "--since", "last week", "--inbox", ibx, "--key", k, "--passphrase-file", pf);
    assertError(1, "Error: ID must be 8 to 32 hex digits (an envelope id or report id, or a unique start of one)",
        "inbox", "show", "../etc/passwd", "--inbox", ibx, "--key", k, "--passphrase-file", pf);
    String unknown = Ids.random();
    assertError(2, "Error: no report with id " + unknown,
        "inbox", "show", unknown, "--inbox", ibx, "--key", k, "--passphrase-file", pf);
    assertError(2, "Error: envelope " + damaged + " not a valid envelope",
        "inbox", "show", damaged, "--inbox", ibx, "--key", k, "--passphrase-file", pf);
    assertError(2, "Error: refusing to overwrite existing file: " + existing + "; give a new file to --out",
        "inbox", "export", "--format", "csv", "--out", existing.toString(), "--inbox", ibx, "--key", k,
        "--passphrase-file", pf);
    assertError(2, "Error: folder not found for --out: " + missing + "/x.csv",
        "inbox", "export", "--format", "csv", "--out", missing + "/x.csv", "--inbox", ibx, "--key", k,
        "--passphrase-file", pf);
    assertError(1, "Error: Invalid value for option '--format': --format must be jsonl or csv",
        "inbox", "export", "--format", "xml", "--out", temp.resolve("x.xml").toString());
    assertError(1, "Error: Unknown option: '--colour'", "inbox", "list", "--colour");
    assertError(2, "Error: no audit log at " + Path.of(missing, ".workstation", "audit.log") + ": the workstation starts it when it"
        + " is first unlocked; check --state or --inbox", "inbox", "audit", "verify", "--inbox", missing);
    assertEquals("keep", Files.readString(existing));
  }

  /** An intact audit log in a new state folder {@code folder}: an unlock, then a view. */
  private static Path auditLogOfTwoEntries(String folder) throws Exception {
    Path log = Files.createDirectories(temp.resolve(folder)).resolve(org.hotlinerelay.hotline.workstation.AuditLog.FILE);
    org.hotlinerelay.hotline.workstation.AuditLog audit = org.hotlinerelay.hotline.workstation.AuditLog.open(log);
    audit.append("alice", "unlock", List.of());
    audit.append("alice", "view", List.of(typicalEnvelope));
    return log;
  }

  static void assertError(int exit, String line, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(exit, run.exit(), String.join(" ", args) + "\n" + run.err());
    assertEquals(line, run.errLines()[0], String.join(" ", args));
    assertFalse(run.err().contains("Exception"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  /** A list row with its column padding taken out: the cells, two spaces apart. */
  private static String cells(String row) {
    return row.replaceAll(" {2,}", "  ");
  }
}
