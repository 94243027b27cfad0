// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (npm, e2e/package.json) injected into a JavaScript-enabled headless Chromium — axe
 * cannot run with JavaScript off — on every page in every language, the 422 page and every error
 * page included, in light and dark colour schemes: 0 violations at WCAG 2.2 A and AA. Also: no
 * horizontal scrolling at 320 CSS pixels (WCAG 1.4.10 reflow), and each page loads exactly one
 * other resource, its stylesheet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityTest {
  static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private PortalServer server;
  private ChromeDriver driver;
  private String axe;

  @BeforeAll
  void start() throws Exception {
    BrowserSupport.require(Files.isReadable(AXE), "axe-core", "(cd e2e && npm ci)");
    axe = Files.readString(AXE);
    server = new PortalServer();
    driver = BrowserSupport.start(true);
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
  void everyPage_everyLanguage_lightAndDark_hasNoWcag22AaViolations() throws Exception {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String scheme : List.of("light", "dark")) {
      driver.executeCdpCommand("Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
      for (String path : server.pagePaths()) {
        driver.get(server.url(path));
        // Light: every WCAG 2.2 A/AA rule. Dark: only the colour rules change with the scheme.
        Map<String, Object> only = scheme.equals("light") ? Map.of("type", "tag", "values", TAGS)
            : Map.of("type", "rule", "values", List.of("color-contrast", "link-in-text-block"));
        for (Object violation : axe(only)) {
          problems.add(scheme + " " + path + ": " + violation);
        }
        checked++;
        if (scheme.equals("dark") && (path.endsWith("/422") || path.endsWith("/thanks"))) {
          Files.createDirectories(BrowserSupport.SCREENSHOTS);
          Files.write(BrowserSupport.SCREENSHOTS.resolve("dark" + path.replace('/', '-') + ".png"),
              driver.getScreenshotAs(OutputType.BYTES));
        }
      }
    }
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    assertEquals(List.of(), problems, "axe violations");
    System.out.println("E2E-AXE pages checked: " + checked + " (" + server.pagePaths().size()
        + " pages, all WCAG 2.2 A/AA rules in light, colour rules again in dark), violations: 0");
  }

  /** Guards against a vacuous pass: axe, as injected here, does report a known violation. */
  @Test
  void axe_asInjected_findsAKnownViolation() {
    driver.get("data:text/html;charset=utf-8,<!DOCTYPE html><title>x</title><input>");
    List<?> violations = axe(Map.of("type", "tag", "values", TAGS));
    assertTrue(violations.stream().anyMatch(v -> v.toString().startsWith("label ")), violations.toString());
    assertTrue(violations.stream().anyMatch(v -> v.toString().startsWith("html-has-lang ")), violations.toString());
  }

  private List<?> axe(Map<String, Object> runOnly) {
    driver.executeScript(axe);
    return (List<?>) driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: arguments[0], resultTypes: ['violations']})"
            + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
            + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
            + ".catch(e => done(['axe failed: ' + e]));", runOnly);
  }

  /** WCAG 2.4.7: tabbing through the form (and the 422 page), every stop shows a visible focus style; the honeypot is never a stop. */
  @Test
  void keyboardFocus_isVisibleOnEveryStop() {
    for (String path : List.of("/en/", "/ar/422")) {
      driver.get(server.url(path));
      driver.executeScript("document.querySelectorAll('details').forEach(d => d.open = true);");
      List<String> invisible = new ArrayList<>();
      int stops = 0;
      String first = null;
      for (int i = 0; i < 60; i++) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        String described = (String) driver.executeScript(
            "const e = document.activeElement; if (!e || e === document.body) return null;"
                + "const s = getComputedStyle(e);"
                + "const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';"
                + "return (e.id || e.tagName + ':' + (e.textContent || '').trim().slice(0, 20)) + (visible ? '' : ' INVISIBLE');");
        if (described == null || described.equals(first)) {
          break;
        }
        if (first == null) {
          first = described;
        }
        stops++;
        if (described.endsWith(" INVISIBLE") || described.startsWith("website")) {
          invisible.add(described);
        }
      }
      assertTrue(stops >= 15, path + ": only " + stops + " focus stops");
      assertEquals(List.of(), invisible, path);
    }
  }

  @Test
  void everyPage_at320CssPixels_needsNoHorizontalScrolling() {
    driver.manage().window().setSize(new Dimension(320, 800));
    try {
      List<String> wide = new ArrayList<>();
      for (String path : server.pagePaths()) {
        driver.get(server.url(path));
        Number scroll = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number client = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        if (scroll.intValue() > client.intValue()) {
          wide.add(path + " " + scroll + ">" + client);
        }
      }
      assertEquals(List.of(), wide);
    } finally {
      driver.manage().window().setSize(new Dimension(1024, 900));
    }
  }

  @Test
  void everyPage_loadsOnlyItsStylesheet() {
    for (String path : server.pagePaths()) {
      driver.get(server.url(path));
      @SuppressWarnings("unchecked")
      List<String> resources = (List<String>) driver.executeScript(
          "return performance.getEntriesByType('resource').map(e => e.name);");
      assertEquals(List.of(server.url("/assets/site.css")), resources, path);
      Object sheets = driver.executeScript("return document.styleSheets.length;");
      assertEquals(1L, sheets, path + ": stylesheet applied under the CSP");
      Object rules = driver.executeScript("return document.styleSheets[0].cssRules.length;");
      assertTrue(((Number) rules).intValue() > 20, path + ": stylesheet parsed");
    }
  }
}
