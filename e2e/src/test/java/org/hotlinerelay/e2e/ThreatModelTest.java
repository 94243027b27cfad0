// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * threat-model.md cannot drift from the code: every test it names as enforcing a countermeasure
 * ({@code org.hotlinerelay.….FooTest#method}) must exist as a test method in the source tree: a
 * method annotated {@code @Test}, {@code @ParameterizedTest} or {@code @FuzzTest} (a Jazzer fuzz
 * target, whose seeds run in every build).
 */
class ThreatModelTest {
  private static final Pattern REFERENCE =
      Pattern.compile("`(org\\.hotlinerelay(?:\\.[a-z0-9_]+)*\\.([A-Z][A-Za-z0-9_]*(?:Test|IT)))#([A-Za-z0-9_]+)`");

  /** The annotations that make a method a test JUnit runs in every build. */
  private static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|FuzzTest)\\b");

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("threat-model.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("threat-model.md not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static List<String[]> references(String markdown) {
    List<String[]> refs = new ArrayList<>();
    Matcher m = REFERENCE.matcher(markdown);
    while (m.find()) {
      refs.add(new String[] {m.group(1), m.group(3)});
    }
    return refs;
  }

  @Test
  void everyNamedTestExists() throws IOException {
    Path root = repositoryRoot();
    String markdown = Files.readString(root.resolve("threat-model.md"));
    List<String[]> refs = references(markdown);
    assertTrue(refs.size() >= 20, "threat-model.md names only " + refs.size() + " tests");
    Set<String> missing = new LinkedHashSet<>();
    for (String[] ref : refs) {
      if (!testMethodExists(root, ref[0], ref[1])) {
        missing.add(ref[0] + "#" + ref[1]);
      }
    }
    assertTrue(missing.isEmpty(), "threat-model.md names tests that do not exist: " + missing);
  }

  @Test
  void references_findsQualifiedNames() {
    List<String[]> refs = references("see `org.hotlinerelay.relay.FooTest#bar_baz` and `notATest`");
    assertTrue(refs.size() == 1 && refs.get(0)[0].equals("org.hotlinerelay.relay.FooTest")
        && refs.get(0)[1].equals("bar_baz"));
  }

  @Test
  void testMethodExists_acceptsTestsParameterizedTestsAndFuzzTargets_notPlainMethods(@TempDir Path root)
      throws IOException {
    Path source = root.resolve("m/src/test/java/org/hotlinerelay/x/FooTest.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "class FooTest {",
        "  private void helper() {}",
        "  @Test", "  void plain() {}",
        "  @ParameterizedTest", "  void parameterized(int i) {}",
        "  @FuzzTest(maxDuration = \"1s\")", "  void fuzzed(byte[] b) {}",
        "}"));
    for (String method : List.of("plain", "parameterized", "fuzzed")) {
      assertTrue(testMethodExists(root, "org.hotlinerelay.x.FooTest", method), method);
    }
    assertFalse(testMethodExists(root, "org.hotlinerelay.x.FooTest", "helper"));
    assertFalse(testMethodExists(root, "org.hotlinerelay.x.FooTest", "missing"));
    assertFalse(testMethodExists(root, "org.hotlinerelay.x.BarTest", "plain"));
  }

  private static boolean testMethodExists(Path root, String className, String method) throws IOException {
    String relative = "src/test/java/" + className.replace('.', '/') + ".java";
    Pattern declaration = Pattern.compile("void\\s+" + Pattern.quote(method) + "\\s*\\(");
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path source = module.resolve(relative);
        if (Files.exists(source)) {
          String text = Files.readString(source);
          Matcher m = declaration.matcher(text);
          while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 200), m.start());
            if (TEST_ANNOTATION.matcher(before).find()) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
