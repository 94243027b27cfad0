// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Nu HTML Checker (vnu-jar from npm, e2e/package.json; it runs offline) on every rendered page
 * of every language — forms, 422 pages, thank-you and error pages — and the stylesheet: 0 errors.
 */
class HtmlValidityTest {
  static final Path VNU = Path.of("node_modules/vnu-jar/build/dist/vnu.jar");

  @Test
  void everyPage_everyLanguage_andTheStylesheet_haveNoHtmlOrCssErrors() throws Exception {
    BrowserSupport.require(Files.isReadable(VNU), "vnu-jar", "(cd e2e && npm ci)");
    Path dir = Path.of("target/rendered");
    List<String> files = new ArrayList<>();
    try (PortalServer pages = new PortalServer()) {
      for (String path : pages.pagePaths()) {
        String name = path.equals("/") ? "index" : path.substring(1).replace('/', '-');
        Path file = dir.resolve((name.endsWith("-") ? name + "index" : name) + ".html");
        Files.createDirectories(dir);
        Files.writeString(file, pages.page(path));
        files.add(file.toString());
      }
      Path css = dir.resolve("site.css");
      Files.writeString(css, org.hotlinerelay.site.Site.load().stylesheet());
      files.add(css.toString());
    }
    List<String> errors = new ArrayList<>();
    int warnings = 0;
    for (JsonNode m : vnu(files)) {
      String line = m.path("url").asText().replaceAll(".*/", "") + ":" + m.path("lastLine").asText() + " " + m.path("message").asText();
      if (m.path("type").asText().equals("error") || m.path("subType").asText().equals("fatal")) {
        errors.add(line);
      } else {
        warnings++;
        System.out.println("E2E-VNU warning " + line);
      }
    }
    assertEquals(List.of(), errors, "Nu HTML Checker errors");
    System.out.println("E2E-VNU files checked: " + files.size() + ", errors: 0, warnings: " + warnings);
  }

  /** Guards against a vacuous pass: the checker, run this way, does report a known error. */
  @Test
  void vnu_asRun_findsAKnownError() throws Exception {
    BrowserSupport.require(Files.isReadable(VNU), "vnu-jar", "(cd e2e && npm ci)");
    Path bad = Path.of("target/rendered-bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html lang=en><title>x</title><p id=a id=b><blink>x</blink>");
    JsonNode messages = vnu(List.of(bad.toString()));
    boolean error = false;
    for (JsonNode m : messages) {
      error |= m.path("type").asText().equals("error");
    }
    assertTrue(error, messages.toString());
  }

  private static JsonNode vnu(List<String> files) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", VNU.toString(), "--format", "json", "--also-check-css"));
    command.addAll(files);
    Process vnu = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String json = new String(vnu.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(vnu.waitFor(120, TimeUnit.SECONDS), "vnu finished");
    JsonNode messages = new ObjectMapper().readTree(json).path("messages");
    assertTrue(messages.isArray(), "vnu answered JSON with messages: " + json);
    return messages;
  }
}
