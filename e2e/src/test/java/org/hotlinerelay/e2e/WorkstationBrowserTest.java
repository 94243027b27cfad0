// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotlinerelay.cli.Main;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.inbox.ReadState;
import org.hotlinerelay.hotline.workstation.AuditLog;
import org.hotlinerelay.hotline.workstation.TriageState;
import org.hotlinerelay.hotline.workstation.Workstation;
import org.hotlinerelay.hotline.workstation.web.WorkstationServer;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst's workstation as an analyst uses it, in Debian's headless Chromium with JavaScript
 * off: unlock with the printed link, see the new reports, search by host, open one, mark its
 * duplicate group, add a note, export the search (through its status page, "Check again" until the
 * export is done) and then two ticked reports, then
 * {@code inbox audit verify} passes, and fails once the audit log is tampered with. Then every
 * page, with JavaScript on for axe-core: 0 WCAG 2.2 A/AA violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkstationBrowserTest {
  @TempDir static Path temp;
  private Inbox inbox;
  private Workstation ws;
  private Path state;
  private Path exports;
  private String shop;
  private String inApp;
  private final List<String> shopGroup = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    EnvelopeSigner signer = EnvelopeSigner.create("relay-one", TestKeys.relaySigning());
    Path inboxDir = Files.createDirectories(temp.resolve("inbox"));
    List<String> urls = List.of("https://shop.example/gallery?id=7", "https://SHOP.example:443/gallery?id=7&utm_source=mail",
        "https://shop.example/gallery?id=7#top", "https://other.example/a", "https://forum.example/t/1", "http://abcdefghijklmnop.onion/x");
    for (int i = 0; i < urls.size(); i++) {
      Report r = new Report(Ids.random(), String.format("2026-11-%02dT%02d:00Z", 20 + i, 8 + i), i % 2 == 0 ? "default" : "north",
          i % 2 == 0 ? "en" : "de", List.of(urls.get(i)), ContentKind.values()[i % ContentKind.values().length],
          "Second row", "A link in a forum", "Report " + i + " <b>not bold</b>", null, null);
      Envelope e = signer.wrap(sealer.seal(r));
      Files.write(inboxDir.resolve(e.id()), EnvelopeBinary.encode(e));
      if (i < 3) {
        shopGroup.add(e.id());
      }
    }
    shop = shopGroup.get(2); // the newest of the three: first in the queue
    Envelope app = signer.wrap(sealer.seal(new Report(Ids.random(), "2026-11-19T08:00Z", "default", "en", List.of(), ContentKind.IMAGES,
        "", "", "Seen in a channel", null, new InApp("Telegram", "@\u3164gallery"))));
    Files.write(inboxDir.resolve(app.id()), EnvelopeBinary.encode(app));
    inApp = app.id();
    inbox = new Inbox(inboxDir, Opener.create(hotline), ReadState.none(), 2);
    state = temp.resolve("state");
    exports = Files.createDirectories(temp.resolve("exports"));
    ws = Workstation.unlock(inbox, state, "correct horse battery staple".toCharArray(), "Alice", (d, t) -> { });
  }

  @AfterAll
  void tearDown() {
    if (inbox != null) {
      inbox.close();
    }
  }

  @Test
  void analyst_triagesADuplicateGroup_exports_andTheAuditLogVerifies() throws Exception {
    ChromeDriver driver = BrowserSupport.start(false);
    Semaphore go = new Semaphore(0);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (WorkstationServer server = WorkstationServer.start(ws, "127.0.0.1", 0, exports, gated(thread, go))) {
      driver.manage().window().setSize(new Dimension(1280, 900));
      driver.get(server.unlockUrl());
      assertEquals("Queue", driver.findElement(By.tagName("h1")).getText());
      assertEquals(7, driver.findElements(By.cssSelector("tbody tr")).size());
      assertTrue(driver.getPageSource().contains("app: Telegram @&lt;U+3164&gt;gallery"), "an app-only report in the queue");

      accessKey(driver, "s");
      assertEquals("address", driver.switchTo().activeElement().getAttribute("id"), "the search box's access key focuses it");
      driver.switchTo().activeElement().sendKeys("shop.example");
      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.cssSelector("form[role=search] button")));
      assertEquals(3, driver.findElements(By.cssSelector("tbody tr")).size());
      assertTrue(driver.getPageSource().contains("hxxps://shop[.]example/gallery?id=7"));
      assertTrue(driver.findElements(By.cssSelector("a[href^='http']")).isEmpty(), "no reported address is a link");

      driver.findElement(By.linkText(shop.substring(0, 8))).click();
      assertEquals("Report " + shop, driver.findElement(By.tagName("h1")).getText());
      assertTrue(driver.getPageSource().contains("Report 2 &lt;b&gt;not bold&lt;/b&gt;"));
      assertTrue(driver.findElement(By.linkText("2 other report(s) name the same address or app account")).isDisplayed());
      accessKey(driver, "n");
      awaitHeading(driver, "Report " + shopGroup.get(1));
      accessKey(driver, "p");
      awaitHeading(driver, "Report " + shop);

      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.cssSelector("form[action$='/group'] button")));
      for (String other : shopGroup.subList(0, 2)) {
        assertEquals(TriageState.DUPLICATE, ws.item(other).orElseThrow().triage().state());
        assertEquals(shop, ws.item(other).orElseThrow().triage().duplicateOf());
      }
      BrowserSupport.type(driver, "note", "Passed to the police, case 2026-117.");
      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.cssSelector("form[action$='/note'] button")));
      assertTrue(driver.findElement(By.cssSelector(".note")).getText().contains("Passed to the police, case 2026-117."));

      accessKey(driver, "a");
      new WebDriverWait(driver, Duration.ofSeconds(30)).until(
          ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".facts dd"), "Actioned"));
      assertEquals(TriageState.ACTIONED, ws.item(shop).orElseThrow().triage().state(), "marked actioned from the keyboard");
      accessKey(driver, "n");
      awaitHeading(driver, "Report " + shopGroup.get(1));

      driver.get(server.unlockUrl().replaceFirst("/unlock/.*", "/export?address=shop.example"));
      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.cssSelector("form[action='/export'] button")));
      assertEquals("Exporting", driver.findElement(By.tagName("h1")).getText(), "the status page, while the export waits");
      assertTrue(driver.findElement(By.tagName("main")).getText().contains("Exported 0 of 3 reports to " + exports), driver.getPageSource());
      String status = driver.getCurrentUrl();
      assertTrue(status.matches("http://127\\.0\\.0\\.1:[0-9]+/export/[0-9a-f]{32}"), status);
      go.release();
      checkAgainUntilExported(driver);
      assertEquals(status, driver.getCurrentUrl());
      assertTrue(driver.findElement(By.tagName("main")).getText().contains("3 report(s), 3 case record(s), written to:"));
      Path filtered;
      try (Stream<Path> files = Files.list(exports)) {
        List<Path> written = files.toList();
        assertEquals(1, written.size());
        filtered = written.get(0);
        assertEquals(4, Files.readAllLines(filtered).size(), "a header and three case records");
      }

      driver.get(server.unlockUrl().replaceFirst("/unlock/.*", "/"));
      List<String> ticked = List.of(shopGroup.get(0), inApp);
      for (String id : ticked) {
        driver.findElement(By.id("sel-" + id)).click();
      }
      driver.findElement(By.id("bulk-format-jsonl")).click();
      go.release();
      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.id("bulk-export")));
      checkAgainUntilExported(driver);
      try (Stream<Path> files = Files.list(exports)) {
        Path selected = files.filter(f -> !f.equals(filtered)).findFirst().orElseThrow();
        String jsonl = Files.readString(selected);
        assertEquals(2, jsonl.lines().count(), "one case record for each ticked report");
        for (String id : ticked) {
          assertTrue(jsonl.contains("\"envelope_id\":\"" + id + "\""), id);
        }
      }
      driver.get(server.unlockUrl().replaceFirst("/unlock/.*", "/keys"));
      Set<String> onKeysPage = new TreeSet<>(driver.findElements(By.tagName("kbd")).stream().map(e -> e.getText()).toList());
      assertEquals(guideKeys(), onKeysPage, "docs/operators-guide.md names exactly the keys the Keys page lists");
      driver.get(server.unlockUrl().replaceFirst("/unlock/.*", "/"));
      Files.createDirectories(BrowserSupport.SCREENSHOTS);
      Files.write(BrowserSupport.SCREENSHOTS.resolve("workstation-queue.png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.quit();
      thread.shutdownNow();
    }
    Path log = state.resolve(AuditLog.FILE);
    String audit = Files.readString(log);
    for (String action : List.of("\tunlock\t", "\tview\t" + shop, "\tstate-duplicate\t" + shopGroup.get(0), "\tnote\t" + shop, "\tstate-actioned\t" + shop, "\texport\t" + shop,
        "\texport\t" + inApp)) {
      assertTrue(audit.contains(action), action);
    }
    assertFalse(audit.contains("shop.example"), "no report content in the audit log");
    assertEquals(0, verify(), "inbox audit verify passes");
    Files.writeString(log, audit.replace("\tnote\t", "\tview\t"));
    assertEquals(2, verify(), "inbox audit verify fails on a tampered log");
    Files.writeString(log, audit);
  }

  @Test
  void everyPage_hasNoWcag22AaViolations() throws Exception {
    BrowserSupport.require(Files.isReadable(AccessibilityTest.AXE), "axe-core", "(cd e2e && npm ci)");
    String axe = Files.readString(AccessibilityTest.AXE);
    ChromeDriver driver = BrowserSupport.start(true);
    Semaphore go = new Semaphore(0);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (WorkstationServer server = WorkstationServer.start(ws, "127.0.0.1", 0, Files.createDirectories(temp.resolve("axe-exports")),
        gated(thread, go))) {
      driver.get(server.unlockUrl());
      String base = server.unlockUrl().replaceFirst("/unlock/.*", "");
      List<String> paths = List.of("/", "/?address=shop&from=2026-11-01&to=2026-11-30&state=new", "/?from=last+week",
          "/report/" + shop, "/report/" + shop + "/same-url", "/report/" + shop + "/same-host", "/report/" + shop + "/address/0",
          "/report/" + inApp, "/?address=telegram", "/export", "/keys", "/no-such-page");
      List<String> problems = new ArrayList<>();
      for (String path : paths) {
        driver.get(base + path);
        problems.addAll(axe(driver, axe).stream().map(v -> path + ": " + v).toList());
      }
      driver.get(base + "/export");
      BrowserSupport.submitAndAwaitNextPage(driver, driver.findElement(By.cssSelector("form[action='/export'] button")));
      String status = driver.getCurrentUrl();
      driver.get(status);
      assertEquals("Exporting", driver.findElement(By.tagName("h1")).getText());
      problems.addAll(axe(driver, axe).stream().map(v -> "exporting: " + v).toList());
      go.release();
      checkAgainUntilExported(driver);
      problems.addAll(axe(driver, axe).stream().map(v -> "exported: " + v).toList());
      assertEquals(List.of(), problems, "axe violations");
    } finally {
      driver.quit();
      thread.shutdownNow();
    }
  }

  /** Runs each export on {@code thread} once the test releases a permit of {@code go}: its status page can be seen running. */
  private static Executor gated(ExecutorService thread, Semaphore go) {
    return task -> thread.execute(() -> {
      try {
        go.acquire();
      } catch (InterruptedException e) {
        return;
      }
      task.run();
    });
  }

  /** The single capital letters of the operators' guide's "Keyboard" item (not those after a "+"). */
  private static Set<String> guideKeys() throws java.io.IOException {
    String guide = Files.readString(ThreatModelTest.repositoryRoot().resolve("docs/operators-guide.md"));
    int from = guide.indexOf("- **Keyboard:**");
    assertTrue(from >= 0, "the operators' guide has a Keyboard item");
    String item = guide.substring(from, guide.indexOf("\n- ", from + 1));
    Set<String> letters = new TreeSet<>();
    Matcher m = Pattern.compile("(?<![A-Za-z+])([A-Z])(?![A-Za-z])").matcher(item);
    while (m.find()) {
      letters.add(m.group(1));
    }
    return letters;
  }

  /**
   * Presses an access key as an analyst in this browser does: Chromium on Linux takes Alt with the
   * letter (the keys page names the other browsers' modifiers).
   */
  private static void accessKey(ChromeDriver driver, String letter) {
    new Actions(driver).keyDown(Keys.ALT).sendKeys(letter).keyUp(Keys.ALT).perform();
  }

  /** The export's status page, followed by its "Check again" link until it shows the finished export (it never reloads itself). */
  private static void checkAgainUntilExported(WebDriver driver) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          if ("Exported".equals(d.findElement(By.tagName("h1")).getText())) {
            return true;
          }
          d.findElement(By.linkText("Check again")).click();
          return false;
        });
  }

  private static void awaitHeading(ChromeDriver driver, String heading) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
  }

  private static List<String> axe(ChromeDriver driver, String axe) {
    driver.executeScript(axe);
    List<?> found = (List<?>) driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: arguments[0], resultTypes: ['violations']})"
            + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
            + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
            + ".catch(e => done(['axe failed: ' + e]));", Map.of("type", "tag", "values", AccessibilityTest.TAGS));
    return found.stream().map(Object::toString).toList();
  }

  private int verify() {
    StringWriter out = new StringWriter();
    return Main.run(new String[] {"inbox", "audit", "verify", "--state", state.toString()}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
  }

}
