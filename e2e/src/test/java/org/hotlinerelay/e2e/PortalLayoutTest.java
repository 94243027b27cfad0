// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hotlinerelay.site.Languages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The portal's layout in headless Chromium with JavaScript off, at a phone (390x844) and a desktop
 * (1280 wide) in every language: the first question is on the first screen of a phone, the
 * contact opt-in's error sits above its checkbox across the field's width, nothing is wider than
 * the window. Every page is kept as a screenshot under
 * {@code target/screenshots/layout/<width>/<lang>-<page>.png} (whole page), plus the phone's first
 * screen as {@code <lang>-form-first-screen.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalLayoutTest {
  static final int PHONE_WIDTH = 390;
  static final int PHONE_HEIGHT = 844;
  static final int DESKTOP_WIDTH = 1280;
  static final Path SHOTS = BrowserSupport.SCREENSHOTS.resolve("layout");

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
  void firstQuestion_isOnThePhonesFirstScreen_inEveryLanguage_withTheCopyWarningAboveIt() throws Exception {
    Files.createDirectories(SHOTS.resolve(Integer.toString(PHONE_WIDTH)));
    for (String lang : Languages.ALL) {
      driver.get(server.url("/" + lang + "/"));
      phoneViewport();
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SHOTS.resolve(PHONE_WIDTH + "/" + lang + "-form-first-screen.png"), png);
      int viewport = size(png).height;
      assertEquals(new java.awt.Dimension(PHONE_WIDTH, PHONE_HEIGHT), size(png), "the screenshot is the phone's first screen");
      Rectangle field = driver.findElement(By.id("url-1")).getRect();
      assertTrue(field.getY() + field.getHeight() <= viewport,
          lang + ": the first field (top " + field.getY() + ", bottom " + (field.getY() + field.getHeight())
              + ") must be within the first " + viewport + " pixels");
      Rectangle warning = driver.findElement(By.cssSelector(".callout")).getRect();
      assertTrue(warning.getY() + warning.getHeight() <= field.getY(), lang + ": the do-not-share warning comes first");
    }
  }

  @Test
  void optInError_spansTheFieldsWidth_aboveTheCheckbox_inEveryLanguage_atBothWidths() throws Exception {
    for (int width : List.of(PHONE_WIDTH, DESKTOP_WIDTH)) {
      driver.manage().window().setSize(new Dimension(width, PHONE_HEIGHT));
      for (String lang : Languages.ALL) {
        driver.get(server.url("/" + lang + "/422-contact"));
        WebElement message = driver.findElement(By.id("contact-opt-in-error"));
        Rectangle error = message.getRect();
        WebElement tick = driver.findElement(By.id("contact-opt-in"));
        Rectangle checkbox = tick.getRect();
        Rectangle field = tick.findElement(By.xpath("..")).getRect();
        Rectangle email = driver.findElement(By.id("contact-email")).getRect();
        assertTrue(error.getWidth() >= email.getWidth() * 0.9, lang + " at " + width + ": the error ("
            + error.getWidth() + " px) is as wide as the inputs below (" + email.getWidth() + " px)");
        assertEquals(field.getWidth(), error.getWidth(), 1, lang + " at " + width + ": the error spans the checkbox's row");
        assertTrue(error.getY() + error.getHeight() <= checkbox.getY(), lang + " at " + width + ": above the checkbox");
        shoot(width, lang + "-422-contact");
      }
    }
  }

  @Test
  void everyPage_everyLanguage_atPhoneAndDesktopWidths_isScreenshotted_andNothingIsWiderThanTheWindow() throws Exception {
    for (int width : List.of(PHONE_WIDTH, DESKTOP_WIDTH)) {
      for (String lang : Languages.ALL) {
        for (String page : List.of("", "422", "422-contact", "thanks", "error-503")) {
          driver.manage().window().setSize(new Dimension(width, PHONE_HEIGHT));
          driver.get(server.url("/" + lang + "/" + page));
          for (WebElement e : driver.findElements(By.cssSelector("main *, header *"))) {
            Rectangle r = e.getRect();
            if (r.getWidth() > 0 && e.isDisplayed()) {
              assertTrue(r.getX() >= 0 && r.getX() + r.getWidth() <= width,
                  lang + "/" + page + " at " + width + ": <" + e.getTagName() + "> runs off the side");
            }
          }
          shoot(width, lang + "-" + (page.isEmpty() ? "form" : page));
        }
      }
    }
  }

  /** The whole page at this width, the window stretched to the page's height. */
  private void shoot(int width, String name) throws Exception {
    Path dir = SHOTS.resolve(Integer.toString(width));
    Files.createDirectories(dir);
    long height = driver.findElement(By.tagName("body")).getSize().getHeight() + 40L;
    driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, PHONE_HEIGHT), 8000)));
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(width, PHONE_HEIGHT));
  }

  /**
   * Sizes the window so that the page's viewport (what a screenshot shows) is 390x844: the
   * window's own frame takes some of the size asked for, and how much depends on the browser.
   */
  private void phoneViewport() throws Exception {
    driver.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
    java.awt.Dimension shown = size(driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(2 * PHONE_WIDTH - shown.width, 2 * PHONE_HEIGHT - shown.height));
  }

  private static java.awt.Dimension size(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    return new java.awt.Dimension(image.getWidth(), image.getHeight());
  }
}
