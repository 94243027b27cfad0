// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.testing.TestReports;
import org.hotlinerelay.protocol.report.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline-relay keys …} end to end through {@link Main#run}: exit code and the exact
 * {@code Error:} line for every class of failure. One key folder is generated for the class
 * (Argon2id costs ~0.3 s per key-file operation).
 */
class KeysCliTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir static Path shared;
  @TempDir Path temp;

  private static Path keys;
  private static Path passphraseFile;
  private static String generatedFingerprint;

  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A runtime failure: exit 2 and exactly one line on stderr, nothing on stdout. */
  static void assertFailure(String expectedLine, Result result) {
    assertEquals(List.of(expectedLine), result.errLines(), result.err);
    assertEquals(2, result.exitCode);
    assertEquals("", result.out);
  }

  /** A usage error: exit 1, the error line, then at most a pointer to --help. */
  static void assertUsage(String expectedLine, Result result) {
    assertEquals(expectedLine, result.errLines().get(0), result.err);
    assertTrue(result.errLines().size() <= 2, result.err);
    assertTrue(result.errLines().size() == 1 || result.errLines().get(1).startsWith("Try 'hotline-relay keys"), result.err);
    assertEquals(1, result.exitCode);
    assertEquals("", result.out);
  }

  @BeforeAll
  static void generateOnce() throws Exception {
    keys = shared.resolve("keys");
    passphraseFile = shared.resolve("passphrase");
    Files.writeString(passphraseFile, PASSPHRASE + "\n");
    Result result = run("keys", "generate", "--dir", keys.toString(), "--passphrase-file", passphraseFile.toString());
    assertEquals(0, result.exitCode, result.err);
    assertEquals("", result.err);
    String last = result.out.lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("Fingerprint: "), result.out);
    generatedFingerprint = last.substring("Fingerprint: ".length());
  }

  @Test
  void generate_thenFingerprintAndPublic_agree() throws Exception {
    Result byDir = run("keys", "fingerprint", "--dir", keys.toString());
    Result byFile = run("keys", "fingerprint", "--public", keys.resolve("hotline-public.json").toString());
    Result publicJson = run("keys", "public", "--dir", keys.toString());

    assertEquals(0, byDir.exitCode);
    assertEquals(generatedFingerprint + System.lineSeparator(), byDir.out);
    assertEquals(byDir.out, byFile.out);
    assertEquals(0, publicJson.exitCode);
    assertEquals(generatedFingerprint, PublicKeyset.parse(publicJson.out.strip()).fingerprint());
    assertEquals(Files.readString(keys.resolve("hotline-public.json")), publicJson.out,
        "the same bytes as hotline-public.json, so that 'keys public > hotline-public.json' makes that file");
  }

  @Test
  void generate_sealWithPublicFile_opensWithPrivateFile() throws Exception {
    Report report = TestReports.typical();
    byte[] sealed = Sealer.create(PublicKeyset.parse(Files.readString(keys.resolve("hotline-public.json")))).seal(report);
    Opener opener = Opener.create(PrivateKeyFile.open(keys.resolve("hotline-private.json"), PASSPHRASE.toCharArray()));
    assertEquals(report, opener.open(sealed));
  }

  @Test
  void rotate_printsNewFingerprint_andOldReportStillOpens() throws Exception {
    Path dir = temp.resolve("k");
    assertEquals(0, run("keys", "generate", "--dir", dir.toString(), "--passphrase-file", passphraseFile.toString()).exitCode);
    String before = run("keys", "fingerprint", "--dir", dir.toString()).out.strip();
    byte[] sealed = Sealer.create(PublicKeyset.parse(Files.readString(dir.resolve("hotline-public.json")))).seal(TestReports.minimal());

    Result rotated = run("keys", "rotate", "--dir", dir.toString(), "--passphrase-file", passphraseFile.toString());

    assertEquals(0, rotated.exitCode, rotated.err);
    String after = run("keys", "fingerprint", "--dir", dir.toString()).out.strip();
    assertNotEquals(before, after);
    assertTrue(rotated.out.contains("Fingerprint: " + after), rotated.out);
    Opener opener = Opener.create(PrivateKeyFile.open(dir.resolve("hotline-private.json"), PASSPHRASE.toCharArray()));
    assertEquals(TestReports.minimal().urls(), opener.open(sealed).urls());
  }

  @Test
  void rotate_wrongPassphrase_exit2() throws Exception {
    Path wrong = temp.resolve("wrong");
    Files.writeString(wrong, "not the passphrase at all\n");
    assertFailure("Error: wrong passphrase or damaged key file",
        run("keys", "rotate", "--dir", keys.toString(), "--passphrase-file", wrong.toString()));
  }

  @Test
  void rotate_damagedKeyFile_exit2WithTheSameLine() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("damaged"));
    String text = Files.readString(keys.resolve("hotline-private.json"));
    int at = text.indexOf("\"keyset\"") + 40;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(dir.resolve("hotline-private.json"), text.substring(0, at) + flipped + text.substring(at + 1));
    assertFailure("Error: wrong passphrase or damaged key file",
        run("keys", "rotate", "--dir", dir.toString(), "--passphrase-file", passphraseFile.toString()));
  }

  @Test
  void rotate_notAKeyFile_exit2() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("notkey"));
    Files.copy(keys.resolve("hotline-public.json"), dir.resolve("hotline-private.json"));
    assertFailure("Error: not a hotline private key file: " + dir.resolve("hotline-private.json"),
        run("keys", "rotate", "--dir", dir.toString(), "--passphrase-file", passphraseFile.toString()));
  }

  @Test
  void rotate_noPrivateFile_exit2() {
    assertFailure("Error: not found: " + temp.resolve("hotline-private.json"),
        run("keys", "rotate", "--dir", temp.toString(), "--passphrase-file", passphraseFile.toString()));
  }

  @Test
  void generate_existingFiles_exit2AndNothingChanged() throws Exception {
    String before = Files.readString(keys.resolve("hotline-private.json"));
    // No passphrase source given: the folder is checked before anyone is asked for a passphrase.
    assertFailure("Error: refusing to overwrite existing file: " + keys.resolve("hotline-private.json"),
        run("keys", "generate", "--dir", keys.toString()));
    assertEquals(before, Files.readString(keys.resolve("hotline-private.json")));
  }

  @Test
  void generate_dirIsAFile_exit2() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "x");
    assertFailure("Error: not a folder: " + file, run("keys", "generate", "--dir", file.toString()));
  }

  @Test
  void generate_parentMissing_exit2() {
    Path dir = temp.resolve("no/such/folder");
    assertFailure("Error: the folder " + temp.resolve("no/such") + " does not exist: create it first, or choose another --dir",
        run("keys", "generate", "--dir", dir.toString()));
  }

  @Test
  void generate_passphraseFileMissing_exit2() {
    Path missing = temp.resolve("missing");
    assertFailure("Error: passphrase file not found: " + missing,
        run("keys", "generate", "--dir", temp.resolve("k").toString(), "--passphrase-file", missing.toString()));
  }

  @Test
  void generate_shortPassphrase_exit1AndNoFiles() throws Exception {
    Path shortFile = Files.writeString(temp.resolve("short"), "eleven char\n");
    assertUsage("Error: passphrase too short: a new key needs at least 12 characters",
        run("keys", "generate", "--dir", temp.toString(), "--passphrase-file", shortFile.toString()));
    assertTrue(Files.notExists(temp.resolve("hotline-private.json")));
  }

  @Test
  void publicAndFingerprint_privateFileGiven_exit2() {
    Path privateFile = keys.resolve("hotline-private.json");
    assertFailure("Error: key file refused: " + privateFile + ": keyset contains private key material (an encrypted private keyset); a relay holds only the hotline's public keyset",
        run("keys", "fingerprint", "--public", privateFile.toString()));
    assertFailure("Error: key file refused: " + privateFile + ": keyset contains private key material (an encrypted private keyset); a relay holds only the hotline's public keyset",
        run("keys", "public", "--public", privateFile.toString()));
  }

  @Test
  void fingerprint_publicFileNotJson_exit2() throws Exception {
    Path bad = Files.writeString(temp.resolve("bad.json"), "{not json");
    assertFailure("Error: key file refused: " + bad + ": keyset file is not JSON",
        run("keys", "fingerprint", "--public", bad.toString()));
  }

  @Test
  void fingerprint_noPublicFile_exit2() {
    assertFailure("Error: not found: " + temp.resolve("hotline-public.json"),
        run("keys", "fingerprint", "--dir", temp.toString()));
  }

  @Test
  void relaySigning_writesBothFiles_thenRefusesToOverwrite() throws Exception {
    Result made = run("keys", "relay-signing", "--relay-id", "relay-7", "--dir", temp.toString());
    assertEquals(0, made.exitCode, made.err);
    assertTrue(Files.isRegularFile(temp.resolve("relay-signing.json")));
    assertTrue(Files.isRegularFile(temp.resolve("relay-relay-7.public.json")));

    assertFailure("Error: refusing to overwrite existing file: " + temp.resolve("relay-signing.json"),
        run("keys", "relay-signing", "--relay-id", "relay-7", "--dir", temp.toString()));
  }

  @Test
  void relaySigning_badRelayId_exit1() {
    assertUsage("Error: bad relay id: use 1-64 of a-z, 0-9 and '-', not starting with '-'",
        run("keys", "relay-signing", "--relay-id", "../etc", "--dir", temp.toString()));
  }

  @Test
  void usageErrors_exit1() {
    assertUsage("Error: Missing required subcommand", run("keys"));
    assertUsage("Error: Unknown option: '--bogus'", run("keys", "generate", "--dir", "a", "--bogus"));
    assertUsage("Error: Missing required option: '--dir=DIR'", run("keys", "rotate"));
    assertUsage("Error: Missing required argument (specify one of these): (--dir=DIR | --public=FILE)",
        run("keys", "fingerprint"));
    assertUsage("Error: --dir=DIR, --public=FILE are mutually exclusive (specify only one)",
        run("keys", "public", "--dir", "a", "--public", "b"));
    assertUsage("Error: Missing required option: '--relay-id=ID'", run("keys", "relay-signing", "--dir", "a"));
  }

  @Test
  void help_explainsPassphraseSourcesAndExitCodes() {
    Result help = run("keys", "--help");
    assertEquals(0, help.exitCode);
    assertTrue(help.out.contains("--passphrase-file FILE"), help.out);
    assertTrue(help.out.contains("HOTLINE_RELAY_PASSPHRASE"), help.out);
    assertTrue(help.out.contains("Exit codes"), help.out);
  }
}
