// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules every rendered page keeps, in every language: no script, no inline style, nothing loaded
 * from elsewhere, one stylesheet, and at most 16 KB with that stylesheet (two requests).
 */
class PageRulesTest {
  static final int MAX_PAGE_BYTES = 16 * 1024;

  private final Site site = Site.load();
  private final Portal portal = AllPages.portal();
  private final Map<String, String> pages = AllPages.render(site, portal);

  @Test
  void everyPage_withItsStylesheet_isAtMost16KB() {
    int css = site.stylesheet(portal).getBytes(StandardCharsets.UTF_8).length;
    int largest = 0;
    String largestName = "";
    for (Map.Entry<String, String> page : pages.entrySet()) {
      int bytes = page.getValue().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > largest) {
        largest = bytes;
        largestName = page.getKey();
      }
      assertTrue(bytes + css <= MAX_PAGE_BYTES, page.getKey() + ": " + bytes + " + " + css + " bytes");
    }
    System.out.println("SITE-SIZES largest page " + largestName + " " + largest + " B + stylesheet " + css + " B = "
        + (largest + css) + " B of " + MAX_PAGE_BYTES);
  }

  @Test
  void everyPage_hasNoScriptNoInlineStyleNoEmbeddedMedia() {
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String html = page.getValue().toLowerCase(java.util.Locale.ROOT);
      for (String banned : List.of("<script", "<style", " style=", "<img", "<svg", "<iframe", "<object",
          "<embed", "<video", "<audio", "<picture", "<source", "<base", " on", "javascript:")) {
        if (banned.equals(" on")) {
          assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(html).find(), page.getKey() + ": event handler attribute");
        } else {
          assertFalse(html.contains(banned), page.getKey() + " contains " + banned);
        }
      }
    }
  }

  @Test
  void everyPage_loadsOnlyItsOwnStylesheet() {
    Pattern resource = Pattern.compile("<(?:link|script|img|source|iframe)[^>]*\\s(?:href|src|srcset)=\"([^\"]*)\"");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Matcher m = resource.matcher(page.getValue());
      int stylesheets = 0;
      while (m.find()) {
        String url = m.group(1);
        assertFalse(url.matches("(?i)^(https?:)?//.*"), page.getKey() + " loads " + url);
        if (url.endsWith("assets/site.css")) {
          stylesheets++;
        } else {
          assertEquals("data:,", url, page.getKey() + ": the only other link is the empty icon (no request)");
        }
      }
      assertEquals(1, stylesheets, page.getKey());
    }
  }

  @Test
  void everyPage_sendsNoReferrer() {
    Pattern outside = Pattern.compile("<a href=\"https?://[^\"]*\"([^>]*)>");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      assertTrue(page.getValue().contains("<meta name=\"referrer\" content=\"no-referrer\">"), page.getKey());
      Matcher m = outside.matcher(page.getValue());
      while (m.find()) {
        assertTrue(m.group(1).contains("rel=\"noreferrer\""), page.getKey() + ": " + m.group());
      }
    }
  }

  @Test
  void stylesheet_loadsNothing_andHasDarkAndPrintStyles() {
    String css = site.stylesheet(portal);
    assertFalse(css.contains("url("), "no images or fonts");
    assertFalse(css.contains("@import"));
    assertFalse(css.contains("@font-face"));
    assertTrue(css.contains("@media (prefers-color-scheme:dark)"));
    assertTrue(css.contains("@media print"));
    assertTrue(css.contains(":focus-visible"));
    assertFalse(Pattern.compile("(margin|padding|border)-(left|right)|\\b(left|right):|float:|text-align:(left|right)")
        .matcher(css).find(), "physical directions break right-to-left pages: use logical properties");
  }

  @Test
  void pageColours_meetAaContrast() {
    // Light and dark palettes as written in site.css: text, hint, link and error on the background.
    for (String[] pair : new String[][] {{"#0b0c0c", "#ffffff"}, {"#484949", "#ffffff"}, {"#1a4f8b", "#ffffff"},
        {"#b10e1e", "#ffffff"}, {"#0b0c0c", "#f3f2f1"}, {"#1a4f8b", "#f3f2f1"}, {"#484949", "#f3f2f1"},
        {"#f3f2f1", "#121314"}, {"#c8c8c8", "#121314"}, {"#9cc3f5", "#121314"}, {"#ff9c94", "#121314"},
        {"#f3f2f1", "#26282a"}, {"#9cc3f5", "#26282a"}, {"#c8c8c8", "#26282a"}, {"#ffffff", "#1d4f91"},
        {"#0b0c0c", "#ffdd00"}}) {
      assertTrue(Contrast.ratio(pair[0], pair[1]) >= Contrast.AA_TEXT, pair[0] + " on " + pair[1]);
    }
    String css = site.stylesheet();
    for (String colour : List.of("#0b0c0c", "#484949", "#1a4f8b", "#b10e1e", "#f3f2f1", "#121314", "#c8c8c8",
        "#9cc3f5", "#ff9c94", "#26282a", "#fd0")) {
      assertTrue(css.contains(colour), "palette in the test matches site.css: " + colour);
    }
  }
}
