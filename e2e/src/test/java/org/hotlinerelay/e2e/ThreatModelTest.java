package org.hotlinerelay.e2e;

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

/**
 * threat-model.md cannot drift from the code: every test it names as enforcing a countermeasure
 * ({@code org.hotlinerelay.….FooTest#method}) must exist as a test method in the source tree.
 */
class ThreatModelTest {
  private static final Pattern REFERENCE =
      Pattern.compile("`(org\\.hotlinerelay(?:\\.[a-z0-9_]+)*\\.([A-Z][A-Za-z0-9_]*Test))#([A-Za-z0-9_]+)`");

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
            if (before.contains("@Test") || before.contains("@ParameterizedTest") || before.contains("@FuzzTest")) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
