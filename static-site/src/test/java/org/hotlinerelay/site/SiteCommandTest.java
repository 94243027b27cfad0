// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code site build}, run through picocli as the launcher runs it. */
class SiteCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new SiteCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((ex, a) -> {
      err.write("Error: " + ex.getMessage());
      return ExitCode.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, c, p) -> {
      err.write("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : ExitCode.FAILURE;
    });
    return cli.execute(args);
  }

  private Path portals() throws Exception {
    Path file = tmp.resolve("portals.json");
    Files.writeString(file, PortalsFileTest.GOOD.replace("#1d4f91", "#7a1f3d"));
    return file;
  }

  @Test
  void build_writesTheBundle_everyLanguageAndTheStylesheet() throws Exception {
    Path dir = tmp.resolve("out");
    int code = run("build", "--portal", "example", "--portals", portals().toString(), "--out", dir.toString());
    assertEquals(ExitCode.OK, code, err.toString());
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(List.of("assets/site.css", "en/index.html", "fr/index.html", "index.html"),
          files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList());
    }
    String root = Files.readString(dir.resolve("index.html"));
    assertTrue(root.contains("<html lang=\"fr\""), "the first language is the default");
    assertTrue(root.contains("href=\"assets/site.css\"") && root.contains("href=\"en/\""));
    assertTrue(root.contains("action=\"https://relay.example.org/report\""));
    assertTrue(Files.readString(dir.resolve("en/index.html")).contains("href=\"../assets/site.css\""));
    assertTrue(Files.readString(dir.resolve("assets/site.css")).contains("--accent:#7a1f3d;"));
    assertTrue(out.toString().contains("4 files"), out.toString());
  }

  @Test
  void build_flagsOverrideThePortalsFile() throws Exception {
    Path dir = tmp.resolve("out");
    int code = run("build", "--portal", "example", "--portals", portals().toString(), "--out", dir.toString(),
        "--relay-url", "http://127.0.0.1:8080", "--lang", "ar,es");
    assertEquals(ExitCode.OK, code, err.toString());
    String root = Files.readString(dir.resolve("index.html"));
    assertTrue(root.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assertTrue(root.contains("action=\"http://127.0.0.1:8080/report\""));
    assertTrue(Files.exists(dir.resolve("es/index.html")));
    assertFalse(Files.exists(dir.resolve("fr/index.html")));
  }

  @Test
  void build_defaultPortalNeedsOnlyARelayUrl() {
    Path dir = tmp.resolve("out");
    assertEquals(ExitCode.OK, run("build", "--portal", "default", "--relay-url", "https://relay.example.org/", "--out", dir.toString()));
    for (String lang : Languages.ALL) {
      assertTrue(Files.exists(dir.resolve(lang + "/index.html")), lang);
    }
  }

  @Test
  void build_refusesANonEmptyFolderUnlessForced() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(dir.resolve("keep.txt"), "mine");
    String[] args = {"build", "--portal", "default", "--relay-url", "https://relay.example.org/", "--out", dir.toString()};
    assertEquals(ExitCode.FAILURE, run(args));
    assertTrue(err.toString().contains("Error: output folder is not empty"), err.toString());
    assertFalse(Files.exists(dir.resolve("index.html")));
    String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    assertEquals(ExitCode.OK, run(forced));
    assertTrue(Files.exists(dir.resolve("index.html")));
    assertEquals("mine", Files.readString(dir.resolve("keep.txt")), "nothing else is touched");
  }

  @Test
  void build_usageErrors() throws Exception {
    String dir = tmp.resolve("out").toString();
    assertEquals(ExitCode.USAGE, run("build", "--portal", "default", "--relay-url", "http://relay.example.org/", "--out", dir));
    assertTrue(err.toString().contains("--relay-url must be https://"), err.toString());
    assertEquals(ExitCode.USAGE, run("build", "--portal", "default", "--out", dir));
    assertEquals(ExitCode.USAGE, run("build", "--portal", "nope", "--portals", portals().toString(), "--out", dir));
    assertEquals(ExitCode.USAGE, run("build", "--portal", "nope", "--relay-url", "https://r.example/", "--out", dir));
    assertEquals(ExitCode.USAGE, run("build", "--portal", "default", "--relay-url", "https://r.example/", "--lang", "en,de", "--out", dir));
    assertTrue(err.toString().contains("unknown language 'de' (--lang): the languages are " + String.join(", ", Languages.ALL)),
        err.toString());
    assertEquals(ExitCode.USAGE, run("build", "--portal", "example", "--portals", tmp.resolve("missing.json").toString(), "--out", dir));
    assertEquals(ExitCode.USAGE, run("build", "--out", dir));
    assertFalse(Files.exists(Path.of(dir)), "nothing written on a usage error");
  }
}
