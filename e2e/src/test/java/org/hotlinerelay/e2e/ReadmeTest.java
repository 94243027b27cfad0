package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md starts with the two commands a newcomer types, and CI runs exactly the test one. */
class ReadmeTest {
  private static final Path ROOT = ThreatModelTest.repositoryRoot();

  static List<String> firstCodeBlock() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    int start = lines.indexOf("```sh");
    int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
    return lines.subList(start + 1, end).stream().map(l -> l.replaceAll("\\s+#.*$", "").strip()).toList();
  }

  @Test
  void readme_startsWithTheDemoAndTheTestCommand() throws IOException {
    assertEquals(List.of("./hotline-relay demo", "./test"), firstCodeBlock());
  }

  @Test
  void ci_runsTheReadmeTestCommand() throws IOException {
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    String testCommand = firstCodeBlock().get(1);
    assertTrue(ci.lines().anyMatch(l -> l.strip().equals(testCommand)), ".ci/run must run: " + testCommand);
    assertTrue(ci.contains("set -euo pipefail"), ".ci/run must fail when a step fails");
  }

  @Test
  void launcher_andWrapper_areExecutable() {
    assertTrue(Files.isExecutable(ROOT.resolve("hotline-relay")));
    assertTrue(Files.isExecutable(ROOT.resolve("mvnw")));
    assertTrue(Files.isExecutable(ROOT.resolve(".ci/run")));
    assertTrue(Files.isExecutable(ROOT.resolve("test")));
  }
}
