// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A developer's checkout stays clean and quick: the launcher rebuilds only when a source of the
 * jar changed (never because a build or test wrote under {@code target/}), and what the commands
 * write by default when run from a checkout is ignored by git.
 */
class CheckoutTest {
  private static final Path ROOT = ThreatModelTest.repositoryRoot();
  private static final Instant JAR_TIME = Instant.parse("2026-01-01T00:00:00Z");

  /** A copy of the launcher in a fake checkout, with a {@code mvnw} and a {@code java} that only say they ran. */
  private static Path fakeCheckout(Path dir) throws IOException {
    Files.copy(ROOT.resolve("hotline-relay"), dir.resolve("hotline-relay"));
    script(dir.resolve("mvnw"), "echo built >> \"$(dirname \"$0\")/log\"; touch \"$(dirname \"$0\")/cli/target/hotline-relay.jar\"");
    Files.createDirectories(dir.resolve("bin"));
    script(dir.resolve("bin/java"), "echo ran >> \"" + dir.resolve("log") + "\"");
    Files.createDirectories(dir.resolve("cli/target"));
    touch(dir.resolve("pom.xml"), JAR_TIME.minusSeconds(60));
    touch(dir.resolve("relay/src/main/java/Relay.java"), JAR_TIME.minusSeconds(60));
    return dir;
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void touch(Path file, Instant time) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.writeString(file, "x");
    }
    Files.setLastModifiedTime(file, FileTime.from(time));
  }

  /** Runs the launcher; returns what it did ("built", "ran"). */
  private static List<String> launch(Path dir) throws Exception {
    Files.deleteIfExists(dir.resolve("log"));
    ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("hotline-relay").toString(), "--help")
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", dir.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    if (Files.exists(dir.resolve("cli/target/hotline-relay.jar"))) {
      Files.setLastModifiedTime(dir.resolve("cli/target/hotline-relay.jar"), FileTime.from(JAR_TIME));
    }
    return Files.readAllLines(dir.resolve("log"));
  }

  @Test
  void launcher_rebuildsForSourcesAndPoms_notForFilesUnderTarget(@TempDir Path temp) throws Exception {
    Path dir = fakeCheckout(temp);
    assertEquals(List.of("built", "ran"), launch(dir), "no jar yet");
    assertEquals(List.of("ran"), launch(dir), "nothing changed");
    touch(dir.resolve("e2e/target/generated-sources/Generated.java"), JAR_TIME.plusSeconds(60));
    touch(dir.resolve("relay/target/classes/site/messages/en.properties"), JAR_TIME.plusSeconds(60));
    touch(dir.resolve("relay/src/test/java/RelayTest.java"), JAR_TIME.plusSeconds(60));
    assertEquals(List.of("ran"), launch(dir), "a test run or a test source changed nothing in the jar");
    touch(dir.resolve("relay/src/main/java/Relay.java"), JAR_TIME.plusSeconds(60));
    assertEquals(List.of("built", "ran"), launch(dir), "a main source changed");
    touch(dir.resolve("relay/src/main/java/Relay.java"), JAR_TIME.minusSeconds(60));
    touch(dir.resolve("relay/src/main/resources/site/messages/en.properties"), JAR_TIME.plusSeconds(60));
    assertEquals(List.of("built", "ran"), launch(dir), "a main resource changed");
    touch(dir.resolve("relay/src/main/resources/site/messages/en.properties"), JAR_TIME.minusSeconds(60));
    touch(dir.resolve("pom.xml"), JAR_TIME.plusSeconds(60));
    assertEquals(List.of("built", "ran"), launch(dir), "a pom changed");
  }

  @Test
  void gitignore_coversWhatTheCommandsWriteInACheckout() throws Exception {
    String git = DeploymentConfigTest.findOnPath("git");
    Tools.require(git != null, "git", "apt-get install git");
    List<String> notIgnored = new ArrayList<>();
    for (String path : List.of("hotline-keys/hotline-private.json", "hotline-keys/hotline-public.json",
        "relay-keys/relay-signing.json", "relay-keys/relay-relay-1.public.json", "known-relays/relay-a.public.json",
        "hotline-inbox/0123.env", "spool/outbox/seg", "relay-signing.json", "relay-relay.public.json",
        "hotline-public.json", "demo-1/x", "example-portal/index.html", "reports.csv", "intake.p12",
        "e2e/node_modules/axe-core/axe.min.js", "cli/target/hotline-relay.jar")) {
      Process p = new ProcessBuilder(git, "check-ignore", "-q", "--no-index", path).directory(ROOT.toFile())
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        notIgnored.add(path);
      }
    }
    assertEquals(List.of(), notIgnored, ".gitignore misses what a developer's commands create");
    assertTrue(Files.isRegularFile(ROOT.resolve(".gitignore")));
  }

  /** The test script in a fake checkout, with a PATH of only what it needs and a given user id. */
  private static Process testScript(Path dir, String uid, String... args) throws IOException {
    Files.copy(ROOT.resolve("test"), dir.resolve("test"));
    Files.setPosixFilePermissions(dir.resolve("test"), PosixFilePermissions.fromString("rwxr-xr-x"));
    script(dir.resolve("mvnw"), "echo \"mvnw $*\" >> log; mkdir -p e2e/target;"
        + " echo 'AccessibilityTest: axe-core missing' >> e2e/target/skipped-on-request.txt");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    script(bin.resolve("id"), "echo " + uid);
    for (String tool : List.of("dirname", "sort", "sed", "rm", "mkdir")) {
      String found = DeploymentConfigTest.findOnPath(tool);
      assertTrue(found != null, tool);
      Files.createSymbolicLink(bin.resolve(tool), Path.of(found));
    }
    List<String> command = new ArrayList<>(List.of(DeploymentConfigTest.findOnPath("bash"), dir.resolve("test").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("PATH", bin.toString());
    return pb.start();
  }

  @Test
  void testScript_notRoot_missingTools_failsWithOneLineNamingThePackages(@TempDir Path dir) throws Exception {
    Process p = testScript(dir, "1000");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), out + err);
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertTrue(lines.get(0).startsWith("Error: missing packages: "), err);
    List<String> named = List.of(lines.get(0).split(";")[0].substring("Error: missing packages: ".length()).split(" "));
    assertTrue(named.containsAll(List.of("chromium", "w3m", "npm")), "chromium and w3m are off PATH, npm too: " + err);
    assertEquals(!Files.isExecutable(BrowserSupport.CHROMEDRIVER), named.contains("chromium-driver"),
        "the script names chromium-driver exactly when the driver the browser tests use is missing: " + err);
    assertTrue(lines.get(0).endsWith("(or ./test --skip-tools)"), err);
    assertTrue(!Files.exists(dir.resolve("log")), "ran Maven anyway");
  }

  @Test
  void testScript_skipTools_passesTheProperty_andEndsWithWhatWasSkipped(@TempDir Path dir) throws Exception {
    Process p = testScript(dir, "1000", "--skip-tools", "-pl", "e2e");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals(List.of("mvnw -B verify -Dhotline.skipTools=true -pl e2e"), Files.readAllLines(dir.resolve("log")));
    List<String> lines = out.strip().lines().toList();
    assertEquals("SKIPPED on request (--skip-tools): AccessibilityTest: axe-core missing", lines.get(lines.size() - 1), out);
  }
}
