// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.site.FieldError;
import org.junit.jupiter.api.Test;

class ReportFormTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T16:42:13.123Z"), ZoneOffset.UTC);
  private final ReportForm form = new ReportForm(Set.of("default", "partner"), "en", CoarseTime.HOUR, CLOCK);

  private static Map<String, List<String>> valid() {
    Map<String, List<String>> f = new HashMap<>();
    f.put("portal", List.of("default"));
    f.put("lang", List.of("en"));
    f.put("url", List.of("https://example.com/a"));
    f.put("kind", List.of("images"));
    return f;
  }

  private Report report(Map<String, List<String>> fields) {
    return assertInstanceOf(Submission.Valid.class, form.validate(fields)).report();
  }

  private Set<String> codes(Map<String, List<String>> fields) {
    Set<String> codes = new HashSet<>();
    for (FieldError e : assertInstanceOf(Submission.Invalid.class, form.validate(fields)).errors()) {
      codes.add(e.code());
    }
    return codes;
  }

  @Test
  void validate_validForm_makesReportWithCoarseTimeAndRandomId() {
    Report a = report(valid());
    Report b = report(valid());
    assertEquals("2026-11-28T16:00Z", a.receivedHour());
    assertTrue(!a.id().equals(b.id()));
    assertEquals(ContentKind.IMAGES, a.contentKind());
    assertNull(a.contact());
  }

  @Test
  void validate_dayGranularity_roundsToTheDay() {
    ReportForm daily = new ReportForm(Set.of("default"), "en", CoarseTime.DAY, CLOCK);
    Report r = assertInstanceOf(Submission.Valid.class, daily.validate(valid())).report();
    assertEquals("2026-11-28T00:00Z", r.receivedHour());
  }

  @Test
  void validate_emptyUrlInputsAreIgnored() {
    Map<String, List<String>> f = valid();
    f.put("url", List.of("", "  ", "https://example.com/b", ""));
    assertEquals(List.of("https://example.com/b"), report(f).urls());
  }

  @Test
  void validate_textIsNormalised_bidiAndJoinersKeptAsTyped() {
    Map<String, List<String>> f = valid();
    f.put("details", List.of("e\u0301\u202Eline1\r\nline2 \u0645\u06CC\u200C\u200F\u061C "));
    f.put("location", List.of("a\nb"));
    Report r = report(f);
    assertEquals("\u00e9\u202Eline1\nline2 \u0645\u06CC\u200C\u200F\u061C", r.details());
    assertEquals("a b", r.location());
  }

  @Test
  void validate_controlCharacterInText_isRefusedNamingTheField_neverRemoved() {
    for (String field : List.of("details", "location", "how_found")) {
      Map<String, List<String>> f = valid();
      f.put(field, List.of("bell\u0007here"));
      Submission.Invalid invalid = assertInstanceOf(Submission.Invalid.class, form.validate(f));
      assertEquals(List.of(new FieldError(field, 0, ErrorCode.TEXT_CONTROL.code())), invalid.errors(), field);
    }
  }

  @Test
  void validate_urlWithInvisibleOrBidiControlCharacters_isRefusedSayingSo() {
    Map<String, List<String>> f = valid();
    f.put("url", List.of("https://example.com/ok", "https://e\u200b.com/\u202egpj.exe"));
    Submission.Invalid invalid = assertInstanceOf(Submission.Invalid.class, form.validate(f));
    assertEquals(List.of(new FieldError("url", 1, ErrorCode.URL_INVISIBLE.code())), invalid.errors());
    assertEquals(List.of("https://example.com/ok", "https://e\u200b.com/\u202egpj.exe"), invalid.values().all("url"));
  }

  @Test
  void validate_urlProblems_areNamedPerInput() {
    Map<String, List<String>> f = valid();
    f.put("url", List.of("", "ftp://example.com/", "https://example.com/" + "a".repeat(Limits.URL_MAX)));
    Submission.Invalid invalid = assertInstanceOf(Submission.Invalid.class, form.validate(f));
    assertEquals(List.of(new FieldError("url", 1, "url.invalid"), new FieldError("url", 2, "url.tooLong")),
        invalid.errors());
  }

  @Test
  void validate_addressesWithoutScheme_areKeptExactlyAsTyped() {
    Map<String, List<String>> f = valid();
    f.put("url", List.of("example.com/page", "www.example.com"));
    assertEquals(List.of("example.com/page", "www.example.com"), report(f).urls());
  }

  @Test
  void validate_appAndAccount_withoutAnAddress_isAReport() {
    Map<String, List<String>> f = valid();
    f.put("url", List.of("", ""));
    f.put("app", List.of("Telegram"));
    f.put("app_identifier", List.of("@some_channel"));
    Report r = report(f);
    assertEquals(List.of(), r.urls());
    assertEquals(new InApp("Telegram", "@some_channel"), r.inApp());
  }

  @Test
  void validate_appAndAccount_besideAnAddress_areKeptToo() {
    Map<String, List<String>> f = valid();
    f.put("app", List.of("Discord"));
    f.put("app_identifier", List.of("server: Example, #general"));
    Report r = report(f);
    assertEquals(List.of("https://example.com/a"), r.urls());
    assertEquals(new InApp("Discord", "server: Example, #general"), r.inApp());
  }

  @Test
  void validate_appWithoutAccount_orAccountWithoutApp_isAsked_neverDropped() {
    Map<String, List<String>> f = valid();
    f.remove("url");
    f.put("app", List.of("Telegram"));
    assertEquals(Set.of("appIdentifier.required"), codes(f));
    f.put("app", List.of(""));
    f.put("app_identifier", List.of("@some_channel"));
    assertEquals(Set.of("app.required"), codes(f));
    f.put("url", List.of("https://example.com/a"));
    assertEquals(Set.of("app.required"), codes(f), "with an address too: the lone account is not silently dropped");
    f.put("app", List.of("a".repeat(Limits.APP_MAX + 1)));
    f.put("app_identifier", List.of("b".repeat(Limits.APP_IDENTIFIER_MAX + 1)));
    assertEquals(Set.of("app.tooLong", "appIdentifier.tooLong"), codes(f));
  }

  @Test
  void validate_controlCharacterInTheApp_orItsAccount_isA422NamingTheField_neverAnException() {
    Map<String, List<String>> f = valid();
    f.put("app", List.of("Tele\u0007gram"));
    f.put("app_identifier", List.of("@some_channel"));
    assertEquals(Set.of("text.control"), codes(f));
    f.put("app", List.of("Telegram"));
    f.put("app_identifier", List.of("@some\u0000channel"));
    assertEquals(Set.of("text.control"), codes(f));
  }

  @Test
  void validate_missingFields_areRequired() {
    assertEquals(Set.of("url.required", "kind.required", "portal.unknown"), codes(new HashMap<>()));
  }

  @Test
  void validate_tooManyUrls() {
    Map<String, List<String>> f = valid();
    List<String> urls = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_URLS; i++) {
      urls.add("https://example.com/" + i);
    }
    f.put("url", urls);
    assertEquals(Set.of("url.tooMany"), codes(f));
  }

  @Test
  void validate_unknownKind() {
    Map<String, List<String>> f = valid();
    f.put("kind", List.of("pictures"));
    assertEquals(Set.of("kind.invalid"), codes(f));
  }

  @Test
  void validate_lengthsAreCountedInUtf16Units_asTheFormsMaxlengthDoes() {
    Map<String, List<String>> f = valid();
    f.put("details", List.of("😀".repeat(Limits.DETAILS_MAX / 2)));
    assertEquals(Limits.DETAILS_MAX, report(f).details().length());
    f.put("details", List.of("😀".repeat(Limits.DETAILS_MAX / 2) + "x"));
    f.put("location", List.of("l".repeat(Limits.LOCATION_MAX + 1)));
    f.put("how_found", List.of("h".repeat(Limits.HOW_FOUND_MAX + 1)));
    assertEquals(Set.of("details.tooLong", "location.tooLong", "howFound.tooLong"), codes(f));
  }

  @Test
  void validate_contactOnlyWhenOptedIn() {
    Map<String, List<String>> f = valid();
    assertNull(report(f).contact());
    f.put("contact_opt_in", List.of("yes"));
    f.put("contact_email", List.of("me@example.org"));
    assertEquals("me@example.org", report(f).contact().email());
  }

  @Test
  void validate_contactTypedWithoutOptIn_asksTheReporterToChoose() {
    Map<String, List<String>> f = valid();
    f.put("contact_phone", List.of("+44 20 7946 0000"));
    // Neither sent without consent nor dropped silently: a 422 naming the opt-in box.
    assertEquals(Set.of("contact.optInMissing"), codes(f));
    f.put("contact_phone", List.of("  "));
    assertNull(report(f).contact());
  }

  @Test
  void validate_phoneAcceptsDigitsOfAnyScript() {
    Map<String, List<String>> f = valid();
    f.put("contact_opt_in", List.of("yes"));
    f.put("contact_phone", List.of("+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧"));
    assertEquals("+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧", report(f).contact().phone());
  }

  @Test
  void validate_contactProblems() {
    Map<String, List<String>> f = valid();
    f.put("contact_opt_in", List.of("yes"));
    assertEquals(Set.of("contact.required"), codes(f));
    f.put("contact_email", List.of("not-an-email"));
    f.put("contact_phone", List.of("call me"));
    f.put("contact_name", List.of("n".repeat(Limits.CONTACT_NAME_MAX + 1)));
    assertEquals(Set.of("contact.email.invalid", "contact.phone.invalid", "contact.name.tooLong"), codes(f));
  }

  @Test
  void validate_unknownPortal_isAnError() {
    Map<String, List<String>> f = valid();
    f.put("portal", List.of("elsewhere"));
    assertEquals(Set.of("portal.unknown"), codes(f));
  }

  @Test
  void validate_unknownLanguage_fallsBackToDefault() {
    Map<String, List<String>> f = valid();
    f.put("lang", List.of("xx"));
    assertEquals("en", report(f).language());
    f.put("lang", List.of("fr"));
    assertEquals("fr", report(f).language());
  }

  @Test
  void validate_honeypot_isATrapWhateverElse() {
    Map<String, List<String>> f = new HashMap<>();
    f.put("website", List.of("http://spam.example"));
    f.put("lang", List.of("fr"));
    assertEquals(new Submission.Trap("fr", ""), form.validate(f));
  }

  @Test
  void invalid_keepsTypedValuesButNotTheHoneypot() {
    Map<String, List<String>> f = valid();
    f.put("kind", List.of(""));
    f.put("details", List.of("typed <text>"));
    Submission.Invalid invalid = assertInstanceOf(Submission.Invalid.class, form.validate(f));
    assertEquals("typed <text>", invalid.values().first("details"));
    assertEquals("https://example.com/a", invalid.values().first("url"));
    assertTrue(invalid.values().all("website").isEmpty());
    assertEquals("Invalid[1 problems]", invalid.toString());
  }
}
