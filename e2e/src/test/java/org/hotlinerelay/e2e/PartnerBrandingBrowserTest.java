// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinerelay.site.Bundle;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.PortalsFile;
import org.hotlinerelay.site.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A reporter who starts on a partner's page stays on the partner's pages: headless Chromium,
 * JavaScript off, a partner bundle (built from the portals file) on one loopback origin posting to
 * a relay started with that portals file on another. In French, a form with a mistake comes back
 * as a 422 with the partner's name and colour, and corrected, lands on the partner's thank-you
 * page, also in the partner's name and colour. Screenshots at 390 and 1280 pixels go to
 * {@code target/screenshots/partner/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerBrandingBrowserTest {
  static final String NAME = "Association Exemple";
  static final String ACCENT = "#7a1f5c";
  static final String ACCENT_RGBA = "rgba(122, 31, 92, 1)";
  static final String PORTALS = """
      {"portals": [{"id": "partner-x", "displayName": "%s", "languages": ["fr", "en"],
        "relayUrl": "https://relay.example.org/", "accentColour": "%s",
        "legalUrl": "https://partner.example/mentions", "contactUrl": ""}]}
      """.formatted(NAME, ACCENT);

  private RelayAndIntake system;
  private BundleHost host;
  private ChromeDriver driver;

  @BeforeAll
  void start() throws Exception {
    driver = BrowserSupport.start(false);
    system = RelayAndIntake.start((dir, relay) -> {
      try {
        return relay.allowedPortals(Set.of("default")).portalsFile(Files.writeString(dir.resolve("portals.json"), PORTALS));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Portal configured = PortalsFile.parse(PORTALS).get("partner-x");
    Portal partner = new Portal(configured.id(), configured.displayName(), configured.languages(), system.url("/"),
        configured.accentColour(), configured.legalUrl(), configured.contactUrl());
    Map<String, String> files = new Bundle(Site.load(), partner).files();
    host = new BundleHost(files);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (host != null) {
      host.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void frenchPartnerForm_422AndThanks_carryThePartnersNameAndColour() throws Exception {
    long before = system.relay.metrics().acceptedCount();
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(host.url());
    assertPartners("the partner's own page");

    BrowserSupport.type(driver, "url-1", "pas une adresse");
    driver.findElement(By.cssSelector("label[for=kind]")).click();
    BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.tagName("button")));
    assertEquals(system.url("/report"), driver.getCurrentUrl(), "the relay's 422");
    assertPartners("the relay's 422");
    assertTrue(driver.findElement(By.cssSelector("[role=alert]")).isDisplayed());
    shoot("fr-422");

    BrowserSupport.type(driver, "url-1", "https://example.org/partner");
    BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.tagName("button")));
    assertEquals(system.url("/p/partner-x/fr/thanks"), driver.getCurrentUrl());
    assertPartners("the relay's thank-you page");
    assertEquals("https://partner.example/mentions", driver.findElement(By.cssSelector("footer a")).getAttribute("href"));
    assertEquals(before + 1, system.relay.metrics().acceptedCount());
    shoot("fr-thanks");
  }

  private void assertPartners(String page) {
    assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"), page);
    assertEquals(NAME, driver.findElement(By.cssSelector("header .portal")).getText(), page + ": the partner's name");
    assertEquals(ACCENT_RGBA, driver.findElement(By.tagName("header")).getCssValue("background-color"), page + ": the partner's colour");
    assertEquals(List.of("Français", "English"), driver.findElements(By.cssSelector("nav a")).stream()
        .map(a -> a.getText()).toList(), page + ": the partner's languages");
  }

  private void shoot(String name) throws Exception {
    Path dir = Files.createDirectories(BrowserSupport.SCREENSHOTS.resolve("partner"));
    for (int width : List.of(PortalLayoutTest.PHONE_WIDTH, PortalLayoutTest.DESKTOP_WIDTH)) {
      driver.manage().window().setSize(new Dimension(width, PortalLayoutTest.PHONE_HEIGHT));
      long height = driver.findElement(By.tagName("body")).getSize().getHeight() + 40L;
      driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 8000)));
      Files.write(dir.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
  }
}
