// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver, never downloading anything:
 * the driver path is given explicitly, so Selenium Manager is not consulted. A missing browser,
 * driver or npm tool fails the test unless skipping was asked for ({@link Tools}).
 */
final class BrowserSupport {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final List<Path> CHROMIUM = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
  /** Where screenshots go, for people to look at. */
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private BrowserSupport() {}

  /** Fails, naming what to install, when {@code ok} is false (see {@link Tools}). */
  static void require(boolean ok, String what, String install) {
    Tools.require(ok, what, install);
  }

  /** A fresh headless Chromium, JavaScript on or off, with its own empty profile. */
  static ChromeDriver start(boolean javascript) throws IOException {
    Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
    require(chromium != null && Files.isExecutable(CHROMEDRIVER), "chromium and chromium-driver",
        "apt-get install chromium chromium-driver");
    Path profile = Files.createTempDirectory("hotline-relay-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-extensions", "--disable-default-apps",
        "--user-data-dir=" + profile, "--window-size=1024,900", "--lang=en");
    if (!javascript) {
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("profile.managed_default_content_settings.javascript", 2);
      options.setExperimentalOption("prefs", prefs);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return driver;
  }

  /**
   * Clicks a form's submit button and waits until the browser has left the page and the next one
   * has a heading. Any error from the old button means it is gone: during navigation Chromium may
   * answer "Node … does not belong to the document" instead of a stale-element error.
   */
  static void submitAndAwaitNextPage(org.openqa.selenium.WebDriver driver, org.openqa.selenium.WebElement button) {
    button.click();
    var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30));
    wait.until(d -> {
      try {
        button.isEnabled();
        return false;
      } catch (org.openqa.selenium.WebDriverException gone) {
        return true;
      }
    });
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
        org.openqa.selenium.By.tagName("h1")));
  }

  /** Replaces the text of the field with this id. */
  static void type(org.openqa.selenium.WebDriver driver, String id, String text) {
    org.openqa.selenium.WebElement field = driver.findElement(org.openqa.selenium.By.id(id));
    field.clear();
    field.sendKeys(text);
  }
}
