// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files docs/operators-guide.md tells operators to use are valid: its torrc passes
 * {@code tor --verify-config} (offline; no network) and its systemd unit passes
 * {@code systemd-analyze verify} with no warning about the unit, and its exposure score stays low.
 * Each block is the fenced block after {@code <!-- check: torrc -->} or
 * {@code <!-- check: systemd-unit -->}. A missing tor or systemd-analyze fails these tests
 * unless skipping was asked for ({@link Tools}).
 */
class DeploymentConfigTest {
  /** The document whose blocks are checked. */
  static final String GUIDE = "docs/operators-guide.md";

  static List<String> block(String marker) throws IOException {
    List<String> lines = Files.readAllLines(ThreatModelTest.repositoryRoot().resolve(GUIDE));
    int at = lines.indexOf("<!-- check: " + marker + " -->");
    assertTrue(at >= 0, GUIDE + " has no <!-- check: " + marker + " --> block");
    int start = at + 1;
    while (!lines.get(start).startsWith("```")) {
      start++;
    }
    int end = start + 1;
    while (!lines.get(end).startsWith("```")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  static String findOnPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  record Run(int exit, String output) {}

  static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not finish");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static String tor() {
    String tor = findOnPath("tor");
    Tools.require(tor != null, "tor", "apt-get install tor");
    return tor;
  }

  /** the guide's torrc with HiddenServiceDir and DataDirectory in a temp folder, and no User line. */
  static Path torrc(List<String> block, Path dir) throws IOException {
    Path hs = Files.createDirectories(dir.resolve("hidden-service"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.setPosixFilePermissions(hs, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    List<String> lines = new ArrayList<>();
    lines.add("DataDirectory " + data);
    for (String line : block) {
      String key = line.strip().split("\\s+", 2)[0];
      if (key.equals("HiddenServiceDir")) {
        lines.add("HiddenServiceDir " + hs + "/");
      } else if (!key.equals("User") && !key.equals("DataDirectory")) { // tests may run as root or not
        lines.add(line);
      }
    }
    Path file = dir.resolve("torrc");
    Files.write(file, lines);
    return file;
  }

  static Run verifyTorrc(String tor, Path torrc, Path dir) throws IOException, InterruptedException {
    Path defaults = Files.writeString(dir.resolve("torrc-defaults"), "");
    return run(List.of(tor, "--verify-config", "--defaults-torrc", defaults.toString(), "-f", torrc.toString()));
  }

  @Test
  void readmeTorrc_passesTorVerifyConfig(@TempDir Path dir) throws Exception {
    String tor = tor();
    List<String> block = block("torrc");
    for (String line : List.of("HiddenServicePort 80 127.0.0.1:8080", "HiddenServicePoWDefensesEnabled 1")) {
      assertTrue(block.stream().anyMatch(l -> l.strip().equals(line)), "the guide's torrc lacks: " + line);
    }
    Run result = verifyTorrc(tor, torrc(block, dir), dir);
    assertEquals(0, result.exit(), "tor --verify-config refused the guide's torrc:\n" + result.output());
    assertTrue(result.output().contains("Configuration was valid"), result.output());
  }

  @Test
  void torVerifyConfig_refusesABrokenTorrc(@TempDir Path dir) throws Exception {
    String tor = tor();
    List<String> broken = new ArrayList<>(block("torrc"));
    broken.add("HiddenServicePort 80 not-an-address:port");
    Run result = verifyTorrc(tor, torrc(broken, dir), dir);
    assertNotEquals(0, result.exit(), "tor accepted a broken torrc, so the check above proves nothing:\n" + result.output());
  }

  private static String systemdAnalyze() {
    String analyze = findOnPath("systemd-analyze");
    Tools.require(analyze != null, "systemd-analyze", "apt-get install systemd");
    return analyze;
  }

  /** the guide's unit, with ExecStart's java pointed at this JVM when /usr/bin/java does not exist. */
  static Path unit(List<String> block, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> lines = new ArrayList<>();
    for (String line : block) {
      lines.add(line.startsWith("ExecStart=/usr/bin/java") && !Files.isExecutable(Path.of("/usr/bin/java"))
          ? line.replace("/usr/bin/java", java) : line);
    }
    Path file = dir.resolve("hotline-relay.service");
    Files.write(file, lines);
    return file;
  }

  @Test
  void readmeSystemdUnit_passesSystemdAnalyzeVerify_withoutWarnings(@TempDir Path dir) throws Exception {
    String analyze = systemdAnalyze();
    Path unit = unit(block("systemd-unit"), dir);
    Run result = run(List.of(analyze, "verify", unit.toString()));
    List<String> aboutUnit = result.output().lines().filter(l -> l.contains("hotline-relay.service")).toList();
    assertEquals(0, result.exit(), "systemd-analyze verify refused the guide's unit:\n" + result.output());
    assertEquals(List.of(), aboutUnit, "systemd-analyze verify warns about the guide's unit");
  }

  @Test
  void readmeSystemdUnit_exposureIsAtMostThreePointZero(@TempDir Path dir) throws Exception {
    String analyze = systemdAnalyze();
    Path unit = unit(block("systemd-unit"), dir);
    Run result = run(List.of(analyze, "security", "--offline=true", unit.toString()));
    Matcher level = Pattern.compile("Overall exposure level for hotline-relay\\.service: ([0-9.]+)").matcher(result.output());
    Tools.require(level.find(), "a systemd-analyze that scores a unit offline (systemd 250 or later)",
        "apt-get install systemd");
    double exposure = Double.parseDouble(level.group(1));
    assertTrue(exposure <= 3.0, "the guide's unit scores " + exposure + " in systemd-analyze security (more exposed than 3.0)");
  }

  @Test
  void systemdAnalyzeVerify_flagsAnUnknownKey(@TempDir Path dir) throws Exception {
    String analyze = systemdAnalyze();
    List<String> broken = new ArrayList<>();
    for (String line : block("systemd-unit")) {
      broken.add(line);
      if (line.equals("[Service]")) {
        broken.add("ProtectSystm=strict");
      }
    }
    Run result = run(List.of(analyze, "verify", unit(broken, dir).toString()));
    assertTrue(result.exit() != 0 || result.output().lines().anyMatch(l -> l.contains("hotline-relay.service")),
        "a misspelt key went unnoticed, so the check above proves nothing:\n" + result.output());
  }
}
