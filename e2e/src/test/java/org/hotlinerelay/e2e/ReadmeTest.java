// SPDX-License-Identifier: Apache-2.0
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

  @Test
  void readme_readsInMinutes_withATableOfContents() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    assertTrue(lines.size() <= 300, "README.md has " + lines.size() + " lines; move detail to docs/");
    assertTrue(lines.contains("## Contents"), "README.md has no table of contents");
  }

  @Test
  void everyRelativeLink_inReadmeAndDocs_pointsToAFileThatExists() throws IOException {
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    List<Path> documents = new java.util.ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md"),
        ROOT.resolve("SECURITY.md")));
    try (var docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
    }
    List<String> broken = new java.util.ArrayList<>();
    for (Path document : documents) {
      java.util.regex.Matcher m = link.matcher(Files.readString(document));
      while (m.find()) {
        if (!Files.exists(document.getParent().resolve(m.group(1)))) {
          broken.add(ROOT.relativize(document) + " → " + m.group(1));
        }
      }
    }
    assertEquals(List.of(), broken, "links to files that do not exist");
  }
}
