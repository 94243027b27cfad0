// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Report withUrls(List<String> urls) {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en", urls, ContentKind.IMAGES,
        "", "", "", null, null);
  }

  private static Report withDetails(String details) {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/"), ContentKind.IMAGES, "", "", details, null, null);
  }

  @Test
  void toString_printsNoFieldValue() {
    Report report = TestReports.typical();
    String text = report.toString() + report.contact().toString();
    assertFalse(text.contains("example"));
    assertFalse(text.contains("Reporter"));
    assertEquals("Report[redacted]", report.toString());
  }

  @Test
  void constructor_rejectsNoUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withUrls(List.of()));
    assertEquals("urls: missing (and no app)", e.getMessage());
  }

  @Test
  void constructor_acceptsAnAppInsteadOfAWebAddress_keepingWhatWasTyped() {
    Report r = TestReports.inApp();
    assertEquals(List.of(), r.urls());
    assertEquals(new InApp("Telegram", "@example_channel"), r.inApp());
    assertEquals("InApp[redacted]", r.inApp().toString());
  }

  @Test
  void inApp_needsBothTheAppAndTheIdentifier_withinTheirLimits() {
    assertEquals("inApp: app and identifier are both needed",
        assertThrows(IllegalArgumentException.class, () -> new InApp("Telegram", "")).getMessage());
    assertEquals("inApp: app and identifier are both needed",
        assertThrows(IllegalArgumentException.class, () -> new InApp("", "@x")).getMessage());
    assertEquals("inApp.app: too long",
        assertThrows(IllegalArgumentException.class, () -> new InApp("a".repeat(Limits.APP_MAX + 1), "@x")).getMessage());
    assertEquals("inApp.identifier: too long", assertThrows(IllegalArgumentException.class,
        () -> new InApp("a", "b".repeat(Limits.APP_IDENTIFIER_MAX + 1))).getMessage());
  }

  @Test
  void constructor_rejectsTooManyUrls() {
    assertThrows(IllegalArgumentException.class,
        () -> withUrls(Collections.nCopies(Limits.MAX_URLS + 1, "https://example.com/")));
  }

  @Test
  void constructor_rejectsOverlongDetails_withoutEchoingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withDetails("x".repeat(Limits.DETAILS_MAX + 1)));
    assertEquals("details: too long", e.getMessage());
  }

  @Test
  void constructor_countsLengthsInUtf16Units_asTheFormsMaxlengthDoes() {
    String emoji = new String(Character.toChars(0x1F600));
    assertEquals(Limits.DETAILS_MAX, withDetails(emoji.repeat(Limits.DETAILS_MAX / 2)).details().length());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withDetails(emoji.repeat(Limits.DETAILS_MAX / 2) + "x"));
    assertEquals("details: too long", e.getMessage());
  }

  @Test
  void constructor_rejectsUnnormalisedText() {
    assertThrows(IllegalArgumentException.class, () -> withDetails("bell\u0007"));
    assertThrows(IllegalArgumentException.class, () -> withDetails("e\u0301")); // not NFC
  }

  @Test
  void constructor_rejectsUrlsWithInvisibleOrBidiControlCharacters() {
    for (String bad : List.of("https://e\u200b.com/", "https://example.com/\u202egpj.exe",
        "https://example.com/a\u2066b", "https://example.com/\u00ad", "https://example.com/\ufe0f",
        "https://exa\u200dmple.com/", "https://example.com/\u200f")) {
      assertThrows(IllegalArgumentException.class, () -> withUrls(List.of(bad)), bad);
      assertTrue(ReportUrl.hasInvisible(bad), bad);
    }
    assertFalse(ReportUrl.hasInvisible("https://\u0645\u062b\u0627\u0644.example/\u00e9"));
  }

  @Test
  void constructor_rejectsNonHttpUrls() {
    for (String bad : List.of("ftp://example.com/", "javascript:alert(1)", "mailto:a@example.com", "data:text/html,x",
        "nodot", "/relative/path", "https://", "https://nodot/x", "file:///etc/passwd", "example.com/a b")) {
      assertThrows(IllegalArgumentException.class, () -> withUrls(List.of(bad)), bad);
    }
  }

  @Test
  void reportUrl_acceptsHttpHttpsOnionAndInternationalHosts() {
    for (String good : List.of("http://example.com", "https://example.com/a?b=c#d",
        "http://2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion/x",
        "https://bücher.example/straße", "HTTPS://EXAMPLE.COM/")) {
      assertTrue(ReportUrl.isAcceptable(good), good);
    }
  }

  @Test
  void reportUrl_acceptsAddressesWithoutTheirScheme_keepingThemAsTyped() {
    for (String good : List.of("example.com/page", "www.example.com", "example.com", "Example.COM:8080/a?b=1",
        "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion/x", "bücher.example/straße")) {
      assertTrue(ReportUrl.isAcceptable(good), good);
      assertFalse(ReportUrl.hasScheme(good), good);
      assertEquals(List.of(good), withUrls(List.of(good)).urls(), "kept exactly as typed");
    }
    assertTrue(ReportUrl.hasScheme("https://example.com"));
  }

  @Test
  void constructor_rejectsBadIdHourPortalAndLanguage() {
    assertThrows(IllegalArgumentException.class, () -> new Report("nothex", "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/"), ContentKind.IMAGES, "", "", "", null, null));
    assertThrows(IllegalArgumentException.class, () -> new Report(Ids.random(), "2026-11-28T16:05Z", "default", "en",
        List.of("https://example.com/"), ContentKind.IMAGES, "", "", "", null, null));
    assertThrows(IllegalArgumentException.class, () -> new Report(Ids.random(), "2026-11-28T16:00Z", "Bad Portal", "en",
        List.of("https://example.com/"), ContentKind.IMAGES, "", "", "", null, null));
    assertThrows(IllegalArgumentException.class, () -> new Report(Ids.random(), "2026-11-28T16:00Z", "default", "english",
        List.of("https://example.com/"), ContentKind.IMAGES, "", "", "", null, null));
  }

  @Test
  void contact_mustHoldSomething() {
    assertThrows(IllegalArgumentException.class, () -> new Contact("", "", ""));
  }
}
