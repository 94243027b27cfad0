// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java source starts with {@code // SPDX-License-Identifier: Apache-2.0}, and every shell
 * script carries {@code # SPDX-License-Identifier: Apache-2.0} right after its {@code #!} line
 * ({@code bin/add-spdx-headers} adds missing ones). The Maven wrapper keeps its own header.
 */
class SpdxHeaderTest {
  private static final Path ROOT = ThreatModelTest.repositoryRoot();
  private static final String HEADER = "SPDX-License-Identifier: Apache-2.0";
  private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", ".mvn");
  private static final List<String> SCRIPTS = List.of("hotline-relay", "test", ".ci/run", "bin/add-spdx-headers");

  static List<Path> sources() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(ROOT)) {
      walk.filter(p -> {
            Path relative = ROOT.relativize(p);
            return IntStream.range(0, relative.getNameCount())
                .noneMatch(i -> SKIPPED_FOLDERS.contains(relative.getName(i).toString()));
          })
          .filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".java") || p.toString().endsWith(".sh")))
          .forEach(files::add);
    }
    for (String script : SCRIPTS) {
      files.add(ROOT.resolve(script));
    }
    return files;
  }

  @Test
  void everySourceFile_carriesTheSpdxHeader() throws IOException {
    List<Path> files = sources();
    assertTrue(files.size() > 100, "found only " + files.size() + " files");
    List<String> missing = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      boolean ok = file.toString().endsWith(".java")
          ? !lines.isEmpty() && lines.get(0).equals("// " + HEADER)
          : lines.size() > 1 && lines.get(0).startsWith("#!") && lines.get(1).equals("# " + HEADER);
      if (!ok) {
        missing.add(ROOT.relativize(file).toString());
      }
    }
    assertEquals(List.of(), missing, "files without the SPDX header (run bin/add-spdx-headers)");
  }
}
