// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.report.ContentKind;
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
 * The whole reporter's path, end to end, in headless Chromium with JavaScript DISABLED: a real
 * relay (loopback) whose own forwarder delivers to a real hotline intake, with keys made as a
 * hotline makes them ({@link RelayAndIntake}). In every language, every field filled and sent lands
 * on the thank-you page, and the hotline inbox, read with the staff tool ({@code inbox export},
 * {@code inbox show --raw}), holds exactly what was typed and nothing else; a form with mistakes
 * comes back as the 422 page in the same language, with the error summary, the messages beside the
 * fields, and every typed value kept — and, corrected, reaches the inbox with those kept values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayBrowserTest {
  private static final List<String> KINDS = Stream.of(ContentKind.values()).map(ContentKind::wireValue).toList();
  private static final Set<String> SCHEMA = Set.of("v", "id", "receivedHour", "portal", "language", "urls", "inApp",
      "contentKind", "location", "howFound", "details", "contact");

  private RelayAndIntake system;
  private ChromeDriver driver;
  /** Every report a test was told "received" for, as typed: the inbox must hold exactly these. */
  private final List<TypedReport> sent = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    driver = BrowserSupport.start(false);
    system = RelayAndIntake.start();
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (system != null) {
      system.close();
    }
  }

  private String url(String path) {
    return system.url(path);
  }

  /**
   * Every field of every language's page filled ({@link TypedReport#everyField}), sent, and read back
   * from the inbox with {@code inbox export} (every report) and {@code inbox show --raw} (the Arabic
   * one, line by line). In Portuguese the contact box is filled but its opt-in left unticked: the
   * relay asks the reporter to choose (422, everything kept), and only once ticked does it go. The honeypot stays hidden and empty, and nothing is dropped as a bot.
   */
  @Test
  void everyLanguage_everyFieldFilled_landsOnThanks_andTheHotlineInboxHoldsExactlyWhatWasTyped() throws Exception {
    Site site = Site.load();
    for (int n = 0; n < Languages.ALL.size(); n++) {
      String lang = Languages.ALL.get(n);
      TypedReport typed = TypedReport.everyField(lang, n);
      boolean optIn = !lang.equals("pt");
      long before = system.relay.metrics().acceptedCount();
      driver.get(url("/" + lang + "/"));
      type("url-1", typed.urls().get(0));
      driver.findElement(By.cssSelector("#more-urls summary")).click();
      assertEquals(typed.urls().size(), driver.findElements(By.name("url")).size(), "every address input filled");
      for (int i = 1; i < typed.urls().size(); i++) {
        type("url-" + (i + 1), typed.urls().get(i));
      }
      driver.findElement(By.cssSelector("label[for=" + kindId(typed.kind()) + "]")).click();
      type("location", typed.location());
      type("how-found", typed.howFound());
      type("details", typed.details());
      driver.findElement(By.cssSelector("#contact summary")).click();
      if (optIn) {
        driver.findElement(By.cssSelector("label[for=contact-opt-in]")).click();
      }
      type("contact-name", typed.contact().name());
      type("contact-email", typed.contact().email());
      type("contact-phone", typed.contact().phone());
      WebElement honeypot = driver.findElement(By.id("website"));
      assertFalse(honeypot.isDisplayed(), "the honeypot is hidden from people");
      assertEquals("", honeypot.getAttribute("value"), "and stays empty when a person fills the form");
      submit();
      if (!optIn) {
        // Contact details typed without the opt-in: the reporter is asked to choose, values kept.
        assertEquals(1, driver.findElements(By.id("contact-opt-in-error")).size(), lang + ": opt-in question");
        assertEquals(typed.contact().email(), value("contact-email"), lang + ": contact kept");
        assertEquals(typed.urls().get(0), value("url-1"), lang + ": address kept");
        driver.findElement(By.cssSelector("label[for=contact-opt-in]")).click();
        submit();
      }

      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      String thanks = site.thanksPage(Portal.relayDefault(Languages.ALL), lang, "../");
      assertTrue(thanks.contains("<h1>" + driver.findElement(By.tagName("h1")).getText()), lang + ": the thank-you page in the reporter's language");
      save("relay-" + lang + "-thanks.png");
      assertEquals(before + 1, system.relay.metrics().acceptedCount(), lang + ": exactly one report accepted");
      sent.add(typed);
    }
    List<JsonNode> inbox = assertInboxHoldsExactlyWhatWasSent();
    assertEquals(0, system.relay.metrics().honeypotDropCount(), "no person's report was taken for a bot's");

    // The staff member's own view of the Arabic report: every line as typed, addresses as submitted.
    JsonNode arabic = inbox.stream().filter(l -> l.get("report").get("language").asText().equals("ar"))
        .findFirst().orElseThrow();
    RelayAndIntake.Cli show = system.inbox("show", arabic.get("envelopeId").asText(), "--raw");
    assertEquals(0, show.exit(), show.err());
    TypedReport ar = TypedReport.everyField("ar", Languages.ALL.indexOf("ar"));
    List<String> expected = new ArrayList<>(List.of("Language: ar", "Content: " + ar.kind(), "URLs:"));
    ar.urls().forEach(u -> expected.add("  " + u));
    expected.add("In an app: none");
    expected.addAll(List.of("Where on the page:", "  " + ar.location(), "How found:"));
    ar.howFound().lines().forEach(l -> expected.add("  " + l));
    expected.add("Details:");
    ar.details().lines().forEach(l -> expected.add("  " + l));
    expected.addAll(List.of("Contact (the reporter chose to give it):", "  Name:  " + ar.contact().name(),
        "  Email: " + ar.contact().email(), "  Phone: " + ar.contact().phone()));
    List<String> shown = show.out().lines().filter(l -> !l.matches("(Envelope|Report|Received|Portal): .*")).toList();
    assertEquals(expected, shown, show.out());
  }

  /**
   * Where it was seen, said the two new ways: an address typed without its scheme, and an app with
   * the account and no address at all. Both are received, and reach the inbox exactly as typed.
   */
  @Test
  void addressWithoutScheme_andAppWithoutAddress_reachTheInboxAsTyped() throws Exception {
    for (String lang : List.of("en", "ar")) {
      long before = system.relay.metrics().acceptedCount();
      driver.get(url("/" + lang + "/"));
      type("url-1", "www.example.com/" + lang);
      driver.findElement(By.cssSelector("label[for=kind]")).click();
      submit();
      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      sent.add(TypedReport.minimal("default", lang, "www.example.com/" + lang, KINDS.get(0), ""));

      driver.get(url("/" + lang + "/"));
      driver.findElement(By.cssSelector("#in-app summary")).click();
      type("app", lang.equals("ar") ? "تيليغرام" : "Telegram");
      type("app-id", "@channel_" + lang);
      driver.findElement(By.cssSelector("label[for=kind-videos]")).click();
      submit();
      assertTrue(driver.getCurrentUrl().endsWith("/" + lang + "/thanks"), driver.getCurrentUrl());
      assertEquals(before + 2, system.relay.metrics().acceptedCount());
      sent.add(TypedReport.inAppOnly(lang, lang.equals("ar") ? "تيليغرام" : "Telegram", "@channel_" + lang, "videos"));
    }
    assertInboxHoldsExactlyWhatWasSent();
  }

  @Test
  void everyLanguage_mistakes_comeBackAs422_withSummaryMessagesAndEveryValueKept() throws Exception {
    for (String lang : Languages.ALL) {
      long before = system.relay.metrics().acceptedCount();
      driver.get(url("/" + lang + "/"));
      type("url-1", "example.org/no scheme");
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

      assertEquals(before, system.relay.metrics().acceptedCount(), "nothing is accepted from a form with mistakes");
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
      assertEquals("example.org/no scheme", value("url-1"));
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
      assertEquals(before + 1, system.relay.metrics().acceptedCount());
      // What reaches the hotline is what the 422 page kept, with the two corrections.
      sent.add(new TypedReport("default", lang, List.of("https://example.org/fixed", "https://fine.example/ok"),
          "other", "top left", "search <script>alert(1)</script>", "line one\nline two",
          new TypedReport.Contact("", "sam@example.org", ""), null));
    }
    assertInboxHoldsExactlyWhatWasSent();
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
    try (BundleHost host = new BundleHost(files)) {
      long before = system.relay.metrics().acceptedCount();
      driver.get(host.url());
      assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
      assertEquals("rgba(122, 31, 61, 1)", driver.findElement(By.tagName("header")).getCssValue("background-color"),
          "the partner's stylesheet, from the partner's host");
      type("url-1", "https://example.org/partner");
      driver.findElement(By.cssSelector("label[for=kind]")).click();
      type("details", "password: from a partner page");
      submit();
      assertEquals(url("/fr/thanks"), driver.getCurrentUrl());
      assertEquals(before + 1, system.relay.metrics().acceptedCount());
      save("partner-fr-thanks.png");
      sent.add(TypedReport.minimal("default", "fr", "https://example.org/partner", KINDS.get(0),
          "password: from a partner page"));
    }
    assertInboxHoldsExactlyWhatWasSent();
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

  /**
   * Waits for delivery, then reads the whole inbox with {@code inbox export}: one report per report
   * sent (no more, none twice), each with exactly the schema's fields, a random id and a whole hour,
   * and otherwise exactly what was typed. Nothing of the browser (address, user agent) is in it.
   */
  private List<JsonNode> assertInboxHoldsExactlyWhatWasSent() throws Exception {
    system.awaitDelivered(sent.size());
    List<JsonNode> lines = system.exportJsonl();
    List<String> received = new ArrayList<>();
    Set<String> envelopeIds = new HashSet<>();
    Set<String> reportIds = new HashSet<>();
    for (JsonNode line : lines) {
      envelopeIds.add(line.get("envelopeId").asText());
      ObjectNode report = (ObjectNode) line.get("report");
      Set<String> fields = new HashSet<>();
      report.fieldNames().forEachRemaining(fields::add);
      assertEquals(SCHEMA, fields, "exactly the schema's fields");
      String id = report.remove("id").asText();
      assertTrue(id.matches("[0-9a-f]{32}"), id);
      reportIds.add(id);
      assertTrue(report.remove("receivedHour").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:00Z"));
      received.add(report.toString());
    }
    List<String> expected = new ArrayList<>(sent.stream().map(t -> t.json().toString()).toList());
    List<String> missing = new ArrayList<>(expected);
    received.forEach(missing::remove);
    List<String> extra = new ArrayList<>(received);
    expected.forEach(extra::remove);
    assertTrue(missing.isEmpty() && extra.isEmpty(), "the inbox must hold exactly what was typed (the ledger is"
        + " shared by this class's tests)\ntyped but not in the inbox:\n" + String.join("\n", missing)
        + "\nin the inbox but not typed:\n" + String.join("\n", extra));
    assertEquals(sent.size(), received.size(), "one report per report sent");
    assertEquals(sent.size(), envelopeIds.size(), "each report stored once");
    assertEquals(sent.size(), reportIds.size(), "each report has its own id");
    String everything = lines.toString();
    for (String trace : List.of("127.0.0.1", "localhost", String.valueOf(system.relay.port()), "Mozilla", "Chrome")) {
      assertFalse(everything.contains(trace), trace + " reached the hotline");
    }
    return lines;
  }

  private static String kindId(String kind) {
    return kind.equals(KINDS.get(0)) ? "kind" : "kind-" + kind;
  }

  private void type(String id, String text) {
    BrowserSupport.type(driver, id, text);
  }

  /** Clicks "send" and waits for the next page (on a busy machine the click can return first). */
  private void submit() {
    BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.tagName("button")));
  }

  private String value(String id) {
    return driver.findElement(By.id(id)).getAttribute("value");
  }
}
