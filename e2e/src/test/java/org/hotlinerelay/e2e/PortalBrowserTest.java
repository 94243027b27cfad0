// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.site.Languages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The portal in headless Chromium with JavaScript DISABLED (as on Tor Browser at "Safest"): every
 * page loads, styled, with two requests (page and stylesheet); the form is filled and sent in every
 * language and lands on the thank-you page carrying exactly what was typed; the 422 page keeps
 * every value. Screenshots of every page go to target/screenshots/ (1024 pixels wide; forms, 422, thanks and 503 also at 320).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {
  private PortalServer server;
  private ChromeDriver driver;

  @BeforeAll
  void start() throws Exception {
    server = new PortalServer();
    driver = BrowserSupport.start(false);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void javascriptIsReallyOff() {
    // A page whose script would set the title, and whose <noscript> shows only without scripting.
    driver.get("data:text/html,<title>off</title><noscript><p id=off>scripts are off</p></noscript>"
        + "<script>document.title='on'</script>");
    assertEquals("off", driver.getTitle(), "the script must not have run");
    assertTrue(driver.findElement(By.id("off")).isDisplayed(), "the browser renders <noscript>");
  }

  @Test
  void javascriptProbe_seesScriptsInAJavascriptEnabledBrowser() throws Exception {
    // The same probe in a browser with JavaScript on: proves the check above can fail.
    ChromeDriver withJs = BrowserSupport.start(true);
    try {
      withJs.get("data:text/html,<title>off</title><noscript><p id=off>scripts are off</p></noscript>"
          + "<script>document.title='on'</script>");
      assertEquals("on", withJs.getTitle());
    } finally {
      withJs.quit();
    }
  }

  @Test
  void everyPage_everyLanguage_loadsStyled_withTwoRequests_andIsScreenshotted() throws Exception {
    Files.createDirectories(BrowserSupport.SCREENSHOTS);
    for (int width : List.of(1024, 320)) {
      driver.manage().window().setSize(new Dimension(width, 900));
      for (String path : server.pagePaths()) {
        if (width == 320 && path.contains("/error-") && !path.endsWith("-503")) {
          continue; // at phone width, one error page per language is enough to look at
        }
        server.requests.clear();
        driver.get(server.url(path));
        String lang = path.length() > 1 ? path.substring(1, 3) : "en";
        WebElement html = driver.findElement(By.tagName("html"));
        assertEquals(lang, html.getAttribute("lang"), path);
        assertEquals(lang.equals("ar") ? "rtl" : "ltr", html.getAttribute("dir"), path);
        assertFalse(driver.getTitle().isBlank(), path);
        assertFalse(driver.findElement(By.tagName("h1")).getText().isBlank(), path);
        // The banner's accent comes from the stylesheet: proof it loaded under the CSP.
        assertEquals("rgba(29, 79, 145, 1)", driver.findElement(By.tagName("header")).getCssValue("background-color"), path);
        assertEquals(List.of(path, "/assets/site.css"), List.copyOf(server.requests), path + ": requests");
        String name = (path.equals("/") ? "root" : path.substring(1).replace("/", "-").replaceAll("-$", "-form")) + "-" + width + ".png";
        Files.write(BrowserSupport.SCREENSHOTS.resolve(name), full(width));
      }
    }
    driver.manage().window().setSize(new Dimension(1024, 900));
  }

  private byte[] full(int width) {
    // Resize the window to the page's height so the screenshot shows the whole page.
    long height = driver.findElement(By.tagName("body")).getSize().getHeight() + 40L;
    driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    driver.manage().window().setSize(new Dimension(width, 900));
    return png;
  }

  @Test
  void form_filledAndSentInEveryLanguage_landsOnThanks_withExactlyWhatWasTyped() {
    for (String lang : Languages.ALL) {
      driver.get(server.url("/" + lang + "/"));
      type("url-1", "https://example.org/a?b=1&c=" + lang);
      driver.findElement(By.cssSelector("#more-urls summary")).click();
      type("url-2", "http://abcdefghijklmnop.onion/x");
      type("url-3", "https://例え.jp/パス");
      driver.findElement(By.cssSelector("label[for=kind-both]")).click();
      type("location", "third picture, \"Gallery\" <b>");
      type("how-found", "a pop-up\nsecond line");
      type("details", "password: ünïcödé & العربية");
      driver.findElement(By.cssSelector("#contact summary")).click();
      driver.findElement(By.cssSelector("label[for=contact-opt-in]")).click();
      type("contact-name", "Sam O'Neil");
      type("contact-email", "sam@example.org");
      type("contact-phone", "+44 20 7946 0000");
      server.posts.clear();
      submit();

      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      assertTrue(driver.findElement(By.tagName("h1")).isDisplayed());
      assertEquals(1, server.posts.size());
      Map<String, List<String>> sent = server.posts.get(0);
      assertEquals(List.of("https://example.org/a?b=1&c=" + lang, "http://abcdefghijklmnop.onion/x", "https://例え.jp/パス"), sent.get("url"));
      assertEquals(List.of("both"), sent.get("kind"));
      assertEquals(List.of("third picture, \"Gallery\" <b>"), sent.get("location"));
      assertEquals(List.of("a pop-up\r\nsecond line"), sent.get("how_found"), "textarea line breaks are CRLF on the wire");
      assertEquals(List.of("password: ünïcödé & العربية"), sent.get("details"));
      assertEquals(List.of("yes"), sent.get("contact_opt_in"));
      assertEquals(List.of("Sam O'Neil"), sent.get("contact_name"));
      assertEquals(List.of("sam@example.org"), sent.get("contact_email"));
      assertEquals(List.of("+44 20 7946 0000"), sent.get("contact_phone"));
      assertEquals(List.of("default"), sent.get("portal"));
      assertEquals(List.of(lang), sent.get("lang"));
      assertEquals(List.of(""), sent.get("website"), "the honeypot stays empty for a person");
      assertEquals(List.of("url", "app", "app_identifier", "kind", "location", "how_found", "details", "contact_opt_in", "contact_name",
          "contact_email", "contact_phone", "portal", "lang", "website").stream().sorted().toList(),
          sent.keySet().stream().sorted().toList(), "only the allow-listed fields are sent");
    }
  }

  @Test
  void emptyForm_isStoppedByTheBrowser_beforeAnythingIsSent() {
    driver.get(server.url("/en/"));
    server.posts.clear();
    driver.findElement(By.tagName("button")).click();
    assertTrue(driver.getCurrentUrl().endsWith("/en/"), "required fields stop the submission without JavaScript");
    assertEquals(0, server.posts.size());
  }

  @Test
  void honeypot_isInvisible_andNotFocusable() {
    driver.get(server.url("/en/"));
    WebElement trap = driver.findElement(By.id("website"));
    assertFalse(trap.isDisplayed());
    assertEquals("-1", trap.getAttribute("tabindex"));
    // Not in the accessibility tree a screen reader reads: Chromium marks the node ignored.
    Map<String, Object> doc = driver.executeCdpCommand("DOM.getDocument", Map.of());
    Object root = ((Map<?, ?>) doc.get("root")).get("nodeId");
    Map<String, Object> found = driver.executeCdpCommand("DOM.querySelector", Map.of("nodeId", root, "selector", "#website"));
    Map<String, Object> described = driver.executeCdpCommand("DOM.describeNode", Map.of("nodeId", found.get("nodeId")));
    Object backend = ((Map<?, ?>) described.get("node")).get("backendNodeId");
    Map<String, Object> ax = driver.executeCdpCommand("Accessibility.getPartialAXTree",
        Map.of("backendNodeId", backend, "fetchRelatives", false));
    List<?> nodes = (List<?>) ax.get("nodes");
    assertFalse(nodes.isEmpty(), "Chromium answers for the node");
    assertEquals(Boolean.TRUE, ((Map<?, ?>) nodes.get(0)).get("ignored"), "the honeypot is not announced: " + nodes.get(0));
  }

  @Test
  void page422_showsSummaryAndMessages_andKeepsEveryValue() {
    for (String lang : Languages.ALL) {
      driver.get(server.url("/" + lang + "/422"));
      WebElement summary = driver.findElement(By.cssSelector("[role=alert]"));
      List<WebElement> links = summary.findElements(By.tagName("a"));
      assertEquals(List.of("#url-1", "#location", "#contact-email"),
          links.stream().map(a -> a.getAttribute("href").replaceAll(".*#", "#")).toList());
      for (String id : List.of("url-1", "location", "contact-email")) {
        WebElement field = driver.findElement(By.id(id));
        assertTrue(field.getAttribute("aria-describedby").contains(id + "-error"), id);
        assertTrue(driver.findElement(By.id(id + "-error")).isDisplayed(), id);
      }
      assertEquals("example.org/page", driver.findElement(By.id("url-1")).getAttribute("value"));
      assertEquals("https://b.example/2", driver.findElement(By.id("url-2")).getAttribute("value"));
      assertTrue(driver.findElement(By.id("url-2")).isDisplayed(), "more-addresses box open");
      assertTrue(driver.findElement(By.id("kind-videos")).isSelected());
      assertEquals(300, driver.findElement(By.id("location")).getAttribute("value").length());
      assertEquals("<script>alert(1)</script>", driver.findElement(By.id("details")).getAttribute("value"));
      assertTrue(driver.findElement(By.id("contact-opt-in")).isSelected());
      assertEquals("sam@", driver.findElement(By.id("contact-email")).getAttribute("value"));
      assertTrue(driver.findElement(By.id("contact-email")).isDisplayed(), "contact box open");
      links.get(1).click();
      assertTrue(driver.getCurrentUrl().endsWith("#location"), "summary links jump to the field");
    }
  }

  private void type(String id, String text) {
    BrowserSupport.type(driver, id, text);
  }

  /** Clicks "send" and waits for the next page (on a busy machine the click can return first). */
  private void submit() {
    BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.tagName("button")));
  }
}
