// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RelayCommandTest {
  @TempDir Path dir;

  /** Runs the command as the launcher does (same exception handling as cli's Main). */
  private static int run(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new RelayCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setExecutionExceptionHandler((ex, c, p) -> {
      if (ex instanceof CommandFailure f) {
        c.getErr().println("Error: " + f.getMessage());
        return f.exitCode();
      }
      throw ex;
    });
    cli.setParameterExceptionHandler((ex, a) -> ExitCode.USAGE);
    return cli.execute(args);
  }

  @Test
  void help_showsEveryDefaultAndVariable() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new RelayCommand());
    cli.usage(new PrintWriter(out, true), CommandLine.Help.Ansi.OFF);
    String help = out.toString().replaceAll("\\s+", " ");
    for (String expected : List.of("default: 127.0.0.1:8080", "default: 127.0.0.1:9080",
        "HOTLINE_RELAY_LISTEN", "HOTLINE_RELAY_ADMIN", "HOTLINE_RELAY_HOTLINE_URL", "HOTLINE_RELAY_SOCKS_PROXY",
        "HOTLINE_RELAY_HOTLINE_KEYSET", "HOTLINE_RELAY_HOTLINE_FINGERPRINT", "HOTLINE_RELAY_RELAY_ID",
        "HOTLINE_RELAY_SIGNING_KEY", "HOTLINE_RELAY_PORTALS", "HOTLINE_RELAY_SPOOL,",
        "HOTLINE_RELAY_SPOOL_MAX_ENTRIES", "HOTLINE_RELAY_SPOOL_MAX_BYTES", "HOTLINE_RELAY_TIME_GRANULARITY",
        "HOTLINE_RELAY_ONION_LOCATION", "HOTLINE_RELAY_FORM_ACTION_ORIGINS", "default: hour",
        "HOTLINE_RELAY_FORWARD_INTERVAL", "HOTLINE_RELAY_FORWARD_BUCKETS", "HOTLINE_RELAY_RELEASE_WINDOW",
        "default: 1m", "default: 2,16,128",
        "default: 100000", "default: 4294967296", "default: STATE/spool)", "default: relay)")) {
      assertTrue(help.contains(expected), "--help lacks " + expected + ": " + help);
    }
  }

  @Test
  void flags_becomeTheConfiguration() {
    RelayCommand command = new RelayCommand();
    new CommandLine(command).parseArgs("--listen", "127.0.0.1:18080", "--admin", "[::1]:19080",
        "--hotline-url", "https://hotline.example.org/", "--socks-proxy", "127.0.0.1:9050",
        "--hotline-fingerprint", "aaaa-bbbb, cccc", "--portals", "a,b", "--time-granularity", "day",
        "--spool-max-entries", "7", "--onion-location", "http://abc.onion");
    RelayConfig config = command.config();
    assertEquals(new HostPort("127.0.0.1", 18080), config.listen());
    assertEquals(new HostPort("::1", 19080), config.admin());
    assertEquals("https://hotline.example.org/", config.hotlineUrl().toString());
    assertEquals(new HostPort("127.0.0.1", 9050), config.socksProxy());
    assertEquals(List.of("aaaa-bbbb", "cccc"), config.pinnedFingerprints());
    assertEquals(Set.of("a", "b"), config.allowedPortals());
    assertEquals(CoarseTime.DAY, config.granularity());
    assertEquals(7, config.quota().maxEntries());
    assertEquals("http://abc.onion", config.onionLocation());
    assertEquals(Duration.ofDays(1), config.schedule().window(), "the window follows the granularity by default");
    assertEquals(Duration.ofMinutes(1), config.schedule().interval());
    assertEquals(List.of(2, 16, 128), config.schedule().buckets());
  }

  @Test
  void scheduleFlags_becomeTheSchedule_andBadOnesAreUsageErrors() {
    RelayCommand command = new RelayCommand();
    new CommandLine(command).parseArgs("--hotline-fingerprint", "aaaa", "--forward-interval", "500ms",
        "--forward-buckets", "4, 32", "--release-window", "15m");
    assertEquals(new org.hotlinerelay.relay.forward.Schedule(Duration.ofMillis(500), List.of(4, 32), Duration.ofMinutes(15)),
        command.config().schedule());
    for (String[] bad : List.of(new String[] {"--forward-interval", "soon"}, new String[] {"--forward-interval", "0s"},
        new String[] {"--forward-buckets", "16,2"}, new String[] {"--forward-buckets", "x"},
        new String[] {"--forward-buckets", "1000"}, new String[] {"--release-window", "1y"})) {
      StringWriter err = new StringWriter();
      assertEquals(ExitCode.USAGE, run(err, bad), String.join(" ", bad));
      assertTrue(err.toString().startsWith("Error: --"), err.toString());
    }
  }

  @Test
  void portals_aJsonFile_isThePortalsFile() {
    RelayCommand command = new RelayCommand();
    new CommandLine(command).parseArgs("--portals", "conf/portals.json");
    RelayConfig config = command.config();
    assertEquals(java.nio.file.Path.of("conf/portals.json"), config.portalsFile());
    assertEquals(Set.of(), config.allowedPortals(), "the ids come from the file");
    RelayCommand ids = new RelayCommand();
    new CommandLine(ids).parseArgs("--portals", "a,b");
    assertEquals(null, ids.config().portalsFile());
  }

  @Test
  void spoolQuotaWhoseIndexTheHeapCannotHold_isAUsageError_namingTheHeapNeeded() {
    long heap = Runtime.getRuntime().maxMemory();
    // Two rows of 44 bytes per entry of the quota, and the table: this quota's index needs more than the heap.
    int entries = (int) Math.min(Integer.MAX_VALUE, heap / 88 + 1);
    StringWriter err = new StringWriter();
    assertEquals(ExitCode.USAGE, run(err, "--spool-max-entries", Integer.toString(entries)));
    String line = err.toString().strip();
    assertTrue(line.startsWith("Error: --spool-max-entries " + entries + " needs "), line);
    assertTrue(line.contains("for the spool's index, and this JVM has " + (heap >> 20) + " MiB"), line);
    assertEquals(1, line.lines().count(), line);

    RelayCommand fits = new RelayCommand();
    new CommandLine(fits).parseArgs("--spool-max-entries", "100000");
    assertEquals(100_000, fits.config().quota().maxEntries(), "the default quota's index fits any heap the relay runs with");
  }

  @Test
  void badValue_isAUsageError() {
    StringWriter err = new StringWriter();
    assertEquals(ExitCode.USAGE, run(err, "--time-granularity", "minute"));
    assertEquals("Error: --time-granularity must be hour or day", err.toString().strip());
  }

  @Test
  void privateKeyset_refusesWithOneErrorLineAndExit2() throws Exception {
    Path keyset = dir.resolve("keyset.json");
    Files.writeString(keyset, com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
        TestKeys.hotlinePrivate(), com.google.crypto.tink.InsecureSecretKeyAccess.get()));
    Path key = dir.resolve("sign.json");
    Files.writeString(key, RelaySigningKey.toJson(TestKeys.relaySigning()));
    StringWriter err = new StringWriter();
    int code = run(err, "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--hotline-keyset", keyset.toString(),
        "--hotline-fingerprint", "0000-0000-0000-0000-0000-0000-0000-0000", "--signing-key", key.toString(),
        "--spool", dir.resolve("spool").toString());
    assertEquals(ExitCode.FAILURE, code);
    assertEquals("Error: the hotline keyset file holds private key material; a relay takes only the hotline's public keyset",
        err.toString().strip());
  }

  @Test
  void defaults_keepTheSigningKeyAndSpoolInTheStateFolder_neverTheWorkingDirectory() {
    Path state = dir.resolve("state").resolve("hotline-relay");
    RelayCommand command = new RelayCommand(state);
    new CommandLine(command).parseArgs();
    RelayConfig config = command.config();
    assertEquals(state.resolve("relay-signing.json"), config.signingKey());
    assertEquals(state.resolve("spool"), config.spoolDir());
    RelayCommand launched = new RelayCommand();
    new CommandLine(launched).parseArgs();
    assertTrue(launched.config().signingKey().isAbsolute(), "the default key path depends on the working directory");
    assertTrue(launched.config().spoolDir().isAbsolute(), "the default spool depends on the working directory");
  }

  @Test
  void stateDir_isXdgStateHome_elseLocalStateUnderHome() {
    assertEquals(Path.of("/x/state/hotline-relay"), StateDir.of(java.util.Map.of("XDG_STATE_HOME", "/x/state"), "/home/u"));
    assertEquals(Path.of("/home/u/.local/state/hotline-relay"), StateDir.of(java.util.Map.of(), "/home/u"));
    assertEquals(Path.of("/home/u/.local/state/hotline-relay"),
        StateDir.of(java.util.Map.of("XDG_STATE_HOME", "relative/path"), "/home/u"));
  }
}
