package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Opener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;
import org.hotlinerelay.relay.form.ErrorCode;
import org.hotlinerelay.site.Bundle;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Languages;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole reporter's path against a real relay (loopback, test keys), in headless Chromium with
 * JavaScript DISABLED: in every language, every field filled and sent lands on the relay's
 * thank-you page, and the sealed report in the spool opens to exactly what was typed; a form with
 * mistakes comes back as the 422 page in the same language, with the error summary, the messages
 * beside the fields, and every typed value kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayBrowserTest {
  private Path dir;
  private KeysetHandle hotlinePrivate;
  private RelayServer relay;
  private ChromeDriver driver;

  @BeforeAll
  void start() throws Exception {
    driver = BrowserSupport.start(false);
    dir = Files.createTempDirectory("hotline-relay-e2e-");
    hotlinePrivate = TestKeys.hotlinePrivate();
    PublicKeyset hotlinePublic = TestKeys.publicOf(hotlinePrivate);
    Files.writeString(dir.resolve("hotline-public.json"), hotlinePublic.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
    relay = RelayServer.start(RelayConfig.builder()
        .listen(new HostPort("127.0.0.1", 0))
        .admin(new HostPort("127.0.0.1", 0))
        .hotlineKeyset(dir.resolve("hotline-public.json"))
        .pinnedFingerprints(List.of(hotlinePublic.fingerprint()))
        .relayId("e2e-relay")
        .signingKey(dir.resolve("relay-signing.json"))
        .spoolDir(dir.resolve("spool"))
        .timeouts(new RelayConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(500)))
        .build());
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (relay != null) {
      relay.close();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + relay.port() + path;
  }

  @Test
  void everyLanguage_everyFieldFilled_landsOnThanks_andTheSealedReportHoldsExactlyWhatWasTyped() throws Exception {
    Site site = Site.load();
    for (String lang : Languages.ALL) {
      int before = outbox().size();
      driver.get(url("/" + lang + "/"));
      type("url-1", "https://example.org/a?b=1&c=" + lang);
      driver.findElement(By.cssSelector("#more-urls summary")).click();
      type("url-2", "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion/x");
      driver.findElement(By.cssSelector("label[for=kind-videos]")).click();
      type("location", "third picture, \"Gallery\" <b>");
      type("how-found", "a pop-up");
      type("details", "password: ünïcödé & العربية " + lang);
      driver.findElement(By.cssSelector("#contact summary")).click();
      driver.findElement(By.cssSelector("label[for=contact-opt-in]")).click();
      type("contact-name", "Sam O'Neil");
      type("contact-email", "sam@example.org");
      type("contact-phone", "+44 20 7946 0000");
      submit();

      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      String thanks = site.thanksPage(Portal.relayDefault(Languages.ALL), lang, "../");
      assertTrue(thanks.contains("<h1>" + driver.findElement(By.tagName("h1")).getText()), lang + ": the thank-you page in the reporter's language");
      save("relay-" + lang + "-thanks.png");

      List<Path> added = outbox();
      assertEquals(before + 1, added.size(), "exactly one report spooled");
      Report report = newest(added);
      assertEquals(List.of("https://example.org/a?b=1&c=" + lang, "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion/x"), report.urls());
      assertEquals(ContentKind.VIDEOS, report.contentKind());
      assertEquals("third picture, \"Gallery\" <b>", report.location());
      assertEquals("a pop-up", report.howFound());
      assertEquals("password: ünïcödé & العربية " + lang, report.details());
      assertEquals("Sam O'Neil", report.contact().name());
      assertEquals("sam@example.org", report.contact().email());
      assertEquals("+44 20 7946 0000", report.contact().phone());
      assertEquals("default", report.portal());
      assertEquals(lang, report.language());
    }
  }

  @Test
  void everyLanguage_mistakes_comeBackAs422_withSummaryMessagesAndEveryValueKept() throws Exception {
    for (String lang : Languages.ALL) {
      int before = outbox().size();
      driver.get(url("/" + lang + "/"));
      type("url-1", "example.org/no-scheme");
      driver.findElement(By.cssSelector("#more-urls summary")).click();
      type("url-2", "https://fine.example/ok");
      driver.findElement(By.cssSelector("label[for=kind-other]")).click();
      type("location", "top left");
      type("how-found", "search <script>alert(1)</script>");
      type("details", "line one\nline two");
      driver.findElement(By.cssSelector("#contact summary")).click();
      driver.findElement(By.cssSelector("label[for=contact-opt-in]")).click();
      type("contact-email", "sam@nowhere");
      submit();

      assertEquals(before, outbox().size(), "nothing is spooled for a form with mistakes");
      WebElement summary = driver.findElement(By.cssSelector("[role=alert]"));
      List<String> targets = new ArrayList<>();
      for (WebElement a : summary.findElements(By.tagName("a"))) {
        targets.add(a.getAttribute("href").replaceAll(".*#", ""));
      }
      assertEquals(List.of("url-1", "contact-email"), targets, lang);
      assertTrue(driver.getTitle().startsWith(driver.findElement(By.cssSelector("#url-1-error .vh")).getText()),
          lang + ": the title starts with the word for 'Error'");
      assertEquals(lang, driver.findElement(By.tagName("html")).getAttribute("lang"));
      for (String id : List.of("url-1", "contact-email")) {
        assertTrue(driver.findElement(By.id(id + "-error")).isDisplayed(), id);
        assertTrue(driver.findElement(By.id(id)).getAttribute("aria-describedby").contains(id + "-error"), id);
      }
      assertEquals("example.org/no-scheme", value("url-1"));
      assertEquals("https://fine.example/ok", value("url-2"));
      assertTrue(driver.findElement(By.id("url-2")).isDisplayed(), "the more-addresses box is open");
      assertTrue(driver.findElement(By.id("kind-other")).isSelected());
      assertEquals("top left", value("location"));
      assertEquals("search <script>alert(1)</script>", value("how-found"));
      assertEquals("line one\nline two", value("details"));
      assertTrue(driver.findElement(By.id("contact-opt-in")).isSelected());
      assertEquals("sam@nowhere", value("contact-email"));
      assertTrue(driver.findElement(By.id("contact-email")).isDisplayed(), "the contact box is open");
      save("relay-" + lang + "-422.png");

      // Corrected, the same page sends the report.
      type("url-1", "https://example.org/fixed");
      type("contact-email", "sam@example.org");
      submit();
      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      assertEquals(before + 1, outbox().size());
    }
  }

  /**
   * A partner's bundle (built by {@code site build}'s {@link Bundle}) on another origin posts to
   * the relay's absolute {@code /report}; its own CSP allows exactly that; the reporter lands on the
   * relay's thank-you page and the report is spooled.
   */
  @Test
  void partnerBundle_onAnotherOrigin_postsToTheRelay_andLandsOnItsThanks() throws Exception {
    Portal partner = new Portal("default", "Partner Hotline", List.of("fr", "en"), url("/"), "#7a1f3d", "", "");
    Map<String, String> files = new Bundle(Site.load(), partner).files();
    HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    host.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath().substring(1);
      String body = files.get(path.isEmpty() || path.endsWith("/") ? path + "index.html" : path);
      byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
      ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      try (var out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    host.start();
    try {
      int before = outbox().size();
      driver.get("http://localhost:" + host.getAddress().getPort() + "/");
      assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
      assertEquals("rgba(122, 31, 61, 1)", driver.findElement(By.tagName("header")).getCssValue("background-color"),
          "the partner's stylesheet, from the partner's host");
      type("url-1", "https://example.org/partner");
      driver.findElement(By.cssSelector("label[for=kind]")).click();
      type("details", "password: from a partner page");
      submit();
      assertEquals(url("/fr/thanks"), driver.getCurrentUrl());
      assertEquals(before + 1, outbox().size());
      save("partner-fr-thanks.png");
    } finally {
      host.stop(0);
    }
  }

  @Test
  void everyErrorCodeTheRelayNames_hasItsOwnMessageInEveryLanguage() {
    Site site = Site.load();
    Portal portal = Portal.relayDefault(Languages.ALL);
    for (String lang : Languages.ALL) {
      String generic = site.formPage(portal, lang, "", FormValues.empty(), List.of(new FieldError("url", 0, "form.invalid")));
      for (ErrorCode code : ErrorCode.values()) {
        String page = site.formPage(portal, lang, "", FormValues.empty(), List.of(new FieldError("url", 0, code.code())));
        assertNotEquals(generic, page, lang + ": no message for " + code.code());
      }
    }
  }

  @Test
  void relayPages_loadTheirStylesheetUnderTheRelaysPolicy() {
    driver.get(url("/ar/"));
    assertEquals("rtl", driver.findElement(By.tagName("html")).getAttribute("dir"));
    assertNotEquals("rgba(0, 0, 0, 0)", driver.findElement(By.tagName("header")).getCssValue("background-color"));
    assertNull(driver.manage().getCookieNamed("JSESSIONID"));
    assertEquals(0, driver.manage().getCookies().size(), "no cookies, ever");
  }

  private void save(String name) throws Exception {
    Files.createDirectories(BrowserSupport.SCREENSHOTS);
    Files.write(BrowserSupport.SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  private List<Path> outbox() throws Exception {
    Path outbox = dir.resolve("spool").resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private Report newest(List<Path> files) throws Exception {
    Opener opener = Opener.create(hotlinePrivate);
    List<Report> reports = new ArrayList<>();
    for (Path f : files) {
      reports.add(opener.open(EnvelopeCodec.fromJson(Files.readAllBytes(f)).sealed()));
    }
    // Report ids are random and times coarse: find the one not seen before by its details.
    return reports.stream().filter(r -> r.details() != null && r.details().startsWith("password:"))
        .filter(r -> seen.add(r.id())).findFirst().orElseThrow();
  }

  private final java.util.Set<String> seen = new java.util.HashSet<>();

  private void type(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks "send" and waits for the next page (on a busy machine the click can return first). */
  private void submit() {
    BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.tagName("button")));
  }

  private String value(String id) {
    return driver.findElement(By.id(id)).getAttribute("value");
  }
}
