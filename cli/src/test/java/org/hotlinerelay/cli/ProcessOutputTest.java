// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a process, its logging configured as {@code java -jar} configures it: a failing
 * command's first line is its {@code Error:} line (no library start-up lines before it), log
 * lines are one line each, and SIGTERM stops a server with its stop line, promptly.
 */
class ProcessOutputTest {
  private static final Pattern EVENT_LINE = Pattern.compile("(INFO|WARNING|SEVERE) (RELAY|INTAKE)-\\d{3} .*");

  @TempDir Path temp;

  record Child(Process process, Path outFile, Path errFile) {
    String out() throws IOException {
      return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    List<String> errLines() throws IOException {
      return Files.readAllLines(errFile, StandardCharsets.UTF_8);
    }

    /** Waits (at most a minute: start-up on a busy machine) until stdout or stderr holds {@code text}. */
    void await(String text) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(out().contains(text) || String.join("\n", errLines()).contains(text))) {
        assertTrue(process.isAlive(), "exited " + (process.isAlive() ? "" : process.exitValue()) + " before '" + text
            + "':\n" + out() + errLines());
        assertTrue(System.nanoTime() < deadline, "no '" + text + "' in time:\n" + out() + errLines());
        Thread.sleep(100);
      }
    }
  }

  private Child start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // The child sees none of the developer's settings (HOTLINE_RELAY_PASSPHRASE, HOTLINE_RELAY_LISTEN, …).
    builder.environment().keySet().removeIf(name -> name.startsWith("HOTLINE_RELAY_"));
    Process process = builder.start();
    process.getOutputStream().close();
    return new Child(process, out, err);
  }

  private static Child finished(Child child) throws Exception {
    assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "did not finish");
    return child;
  }

  private List<String> relayArgs(String listen, String admin) throws Exception {
    var hotline = TestKeys.publicOf(TestKeys.hotlinePrivate());
    Path keyset = Files.writeString(temp.resolve("hotline-public.json"), hotline.toJson());
    return List.of("relay", "--hotline-keyset", keyset.toString(), "--hotline-fingerprint", hotline.fingerprint(),
        "--signing-key", temp.resolve("relay-signing.json").toString(), "--spool", temp.resolve("spool").toString(),
        "--listen", listen, "--admin", admin);
  }

  @Test
  void relay_adminAddressBusy_firstLineIsTheError_namingAddressAndFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String busy = "127.0.0.1:" + taken.getLocalPort();
      Child relay = finished(start(relayArgs("127.0.0.1:0", busy).toArray(String[]::new)));
      assertEquals(2, relay.process().exitValue());
      assertEquals("Error: cannot listen on " + busy + " (address in use); choose another with --admin",
          relay.errLines().get(0), String.join("\n", relay.errLines()));
    }
  }

  @Test
  void relay_spoolCannotBeMade_firstLineIsTheError_andNoSigningKeyIsMade() throws Exception {
    Files.writeString(temp.resolve("not-a-folder"), "a file where the spool's parent should be");
    List<String> args = new java.util.ArrayList<>(relayArgs("127.0.0.1:0", "127.0.0.1:0"));
    args.set(args.indexOf("--spool") + 1, temp.resolve("not-a-folder").resolve("spool").toString());
    Child relay = finished(start(args.toArray(String[]::new)));
    assertEquals(2, relay.process().exitValue());
    assertTrue(relay.errLines().get(0).startsWith("Error: "), String.join("\n", relay.errLines()));
    assertFalse(Files.exists(temp.resolve("relay-signing.json")), "no signing key made by a start that failed");
  }

  @Test
  void intake_addressBusy_firstLineIsTheError_noLibraryLines() throws Exception {
    Path relays = Files.createDirectories(temp.resolve("relays"));
    Files.write(relays.resolve("relay-one.public.json"), TestKeys.relayPublic("one", TestKeys.relaySigning()).toJson());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String busy = "127.0.0.1:" + taken.getLocalPort();
      Child intake = finished(start("intake", "--listen", busy, "--admin", "127.0.0.1:0",
          "--inbox", temp.resolve("inbox").toString(), "--known-relays", relays.toString()));
      assertEquals(2, intake.process().exitValue());
      assertEquals(List.of("Error: cannot listen on " + busy + " (address in use); choose another with --listen"),
          intake.errLines());
    }
  }

  /** No --passphrase-file, no HOTLINE_RELAY_PASSPHRASE, no terminal (stdin and stdout are not one). */
  @Test
  void keysGenerate_noPassphraseSource_oneErrorLine_exit1_noFiles() throws Exception {
    Path keys = temp.resolve("keys");
    Child generate = finished(start("keys", "generate", "--dir", keys.toString()));
    assertEquals(1, generate.process().exitValue());
    assertEquals(List.of("Error: no passphrase: use --passphrase-file, HOTLINE_RELAY_PASSPHRASE, or a terminal"),
        generate.errLines());
    assertFalse(Files.exists(keys.resolve("hotline-private.json")));
  }

  @Test
  void relay_sigterm_logsItsStopLine_andExitsPromptly() throws Exception {
    Child relay = start(relayArgs("127.0.0.1:0", "127.0.0.1:0").toArray(String[]::new));
    relay.await("RELAY-001");
    long sent = System.nanoTime();
    relay.process().destroy(); // SIGTERM
    assertTrue(relay.process().waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    List<String> lines = relay.errLines();
    assertTrue(lines.contains("INFO RELAY-009 relay stopped"), String.join("\n", lines));
    for (String line : lines) {
      assertTrue(EVENT_LINE.matcher(line).matches(), "not a one-line event: " + line);
    }
    assertTrue(millis < 5_000, "took " + millis + " ms to stop after SIGTERM");
  }

  @Test
  void intake_sigterm_logsItsStopLine_andExits() throws Exception {
    Path relays = Files.createDirectories(temp.resolve("relays"));
    Files.write(relays.resolve("relay-one.public.json"), TestKeys.relayPublic("one", TestKeys.relaySigning()).toJson());
    Child intake = start("intake", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0",
        "--inbox", temp.resolve("inbox").toString(), "--known-relays", relays.toString());
    intake.await("INTAKE-001");
    intake.process().destroy(); // SIGTERM
    assertTrue(intake.process().waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
    List<String> lines = intake.errLines();
    assertTrue(lines.contains("INFO INTAKE-002 intake stopped"), String.join("\n", lines));
    for (String line : lines) {
      assertTrue(EVENT_LINE.matcher(line).matches(), "not a one-line event: " + line);
    }
  }

  @Test
  void demo_sigterm_saysItStoppedAndDeletedItsFolder() throws Exception {
    Child demo = start("demo", "--relay-port", String.valueOf(DemoTest.freePort()),
        "--intake-port", String.valueOf(DemoTest.freePort()));
    demo.await("Press Ctrl-C");
    Matcher folder = Pattern.compile("Demo folder: +(\\S+)").matcher(demo.out());
    assertTrue(folder.find(), demo.out());
    assertTrue(Files.isDirectory(Path.of(folder.group(1))));
    demo.process().destroy();
    assertTrue(demo.process().waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
    assertTrue(demo.out().contains("Demo stopped; deleted " + folder.group(1) + "."), demo.out());
    assertFalse(Files.exists(Path.of(folder.group(1))));
  }
}
