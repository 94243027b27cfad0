// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A text browser ({@code w3m -dump}, Debian) shows every label, legend and button of the form. */
class TextBrowserTest {
  static final Path W3M = Path.of("/usr/bin/w3m");

  @Test
  void w3m_showsEveryLabelOfTheForm_inEveryLanguage() throws Exception {
    everyFormPage((lang, html) -> {
      String text = dump(html);
      List<String> missing = new ArrayList<>();
      Matcher m = Pattern.compile("<(label|legend|summary|button|h1|h2)[^>]*>([^<]+)</").matcher(html);
      int count = 0;
      while (m.find()) {
        String label = unescape(m.group(2)).strip();
        if (!normalise(text).contains(normalise(label))) {
          missing.add(m.group(1) + ": " + label);
        }
        count++;
      }
      assertTrue(count >= 20, lang + ": found " + count + " labels");
      assertEquals(List.of(), missing, lang + ": not shown by w3m");
      Files.createDirectories(Path.of("target/w3m"));
      Files.writeString(Path.of("target/w3m/" + lang + ".txt"), text);
    });
  }

  /**
   * w3m ignores CSS and the {@code hidden} attribute, so whatever words sit in the honeypot's box
   * are shown to a person reading with it: the box must hold none.
   */
  @Test
  void w3m_showsNoWordOfTheHoneypot_inEveryLanguage() throws Exception {
    everyFormPage((lang, html) -> {
      Matcher box = Pattern.compile("<div hidden[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(html);
      assertTrue(box.find() && box.group(1).contains("name=\"website\""), lang + ": the honeypot's box");
      String text = normalise(dump(html));
      for (String word : unescape(box.group(1).replaceAll("<[^>]*>", " ")).strip().split("\\s+")) {
        if (!word.isEmpty()) {
          assertTrue(!text.contains(word), lang + ": w3m shows the honeypot's '" + word + "'");
        }
      }
    });
  }

  /**
   * w3m shows the honeypot as an empty box; it comes after the send button, so a person who fills
   * the form from top to bottom has sent it before reaching the box (threat-model B6).
   */
  @Test
  void w3m_showsTheHoneypotsBoxAfterTheSendButton_inEveryLanguage() throws Exception {
    everyFormPage((lang, html) -> {
      Matcher button = Pattern.compile("<button[^>]*>(.*?)</button>", Pattern.DOTALL).matcher(html);
      assertTrue(button.find(), lang + ": the send button");
      // The box marked, only in this copy of the page, so that its place in w3m's text can be found.
      String marked = html.replace("name=\"website\"", "name=\"website\" value=\"HONEYPOTBOX\"").replace("size=\"1\"", "size=\"12\"");
      String text = normalise(dump(marked));
      int send = text.indexOf(normalise(unescape(button.group(1))).strip());
      int box = text.indexOf("HONEYPOTBOX");
      assertTrue(send >= 0 && box > send, lang + ": w3m shows the honeypot's box before the send button: " + text);
    });
  }

  /** A check of one language's form page. */
  @FunctionalInterface
  private interface PageCheck {
    void check(String lang, String html) throws Exception;
  }

  /** Runs {@code check} on each language's form page as a relay serves it. */
  private static void everyFormPage(PageCheck check) throws Exception {
    BrowserSupport.require(Files.isExecutable(W3M), "w3m", "apt-get install w3m");
    try (PortalServer server = new PortalServer()) {
      for (String lang : org.hotlinerelay.site.Languages.ALL) {
        check.check(lang, server.page("/" + lang + "/"));
      }
    }
  }

  private static String dump(String html) throws Exception {
    Process w3m = new ProcessBuilder(W3M.toString(), "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    w3m.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    w3m.getOutputStream().close();
    String out = new String(w3m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(w3m.waitFor(30, TimeUnit.SECONDS));
    return out;
  }

  private static String normalise(String s) {
    return s.replaceAll("[\\s\u2066\u2069]+", " ");
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
