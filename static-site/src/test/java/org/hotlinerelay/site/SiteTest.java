// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.Limits;
import org.junit.jupiter.api.Test;

class SiteTest {
  private final Site site = Site.load();
  private final Portal portal = AllPages.portal();

  private String empty(String lang) {
    return site.formPage(portal, lang, "../", FormValues.empty(), List.of());
  }

  @Test
  void formPage_escapesEveryValue() {
    String evil = "<script>alert(1)</script>\"'&";
    Map<String, List<String>> values = new java.util.HashMap<>();
    for (String field : Form.ALLOWED) {
      values.put(field, List.of(evil, evil));
    }
    String page = site.formPage(portal, "en", "../", new FormValues(values), List.of(new FieldError(Form.URL, 0, "url.invalid")));
    assertFalse(page.contains("<script"), "raw <script> in page");
    assertFalse(page.contains("alert(1)</"), "raw closing tag in page");
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), "escaped value kept");
  }

  @Test
  void formPage_keepsEveryTypedValue() {
    String page = site.formPage(portal, "fr", "../", AllPages.typed(), List.of(new FieldError(Form.KIND, 0, "kind.invalid")));
    for (String url : AllPages.typed().all(Form.URL)) {
      assertTrue(page.contains("value=\"" + url + "\""), url);
    }
    assertTrue(page.contains("value=\"both\" required checked"), "kind radio checked");
    assertTrue(page.contains("value=\"third picture\""));
    assertTrue(page.contains(">\na pop-up</textarea>"));
    assertTrue(page.contains(">\npassword is on the first page</textarea>"));
    assertTrue(page.contains("name=\"contact_opt_in\" value=\"yes\" aria-describedby=\"contact-warning\" checked"));
    assertTrue(page.contains("<details id=\"contact\" open>"), "contact box open");
    assertTrue(page.contains("value=\"Sam\"") && page.contains("value=\"sam@example\"") && page.contains("value=\"+44 20 7946 0000\""));
    assertTrue(page.contains("<details id=\"more-urls\" open>"), "more-addresses box open when addresses 2+ are filled");
    assertTrue(page.contains("<details id=\"in-app\" open>") && page.contains("value=\"@some_channel\""), "app box open, value kept");
  }

  @Test
  void formPage_empty_hasClosedBoxesAndNothingChecked() {
    String page = empty("en");
    assertFalse(page.contains(" checked"));
    assertFalse(page.contains(" open>"));
    assertFalse(page.contains("role=\"alert\""));
    assertTrue(page.contains("<title>" + site.message("en", "page.title") + "</title>"));
  }

  @Test
  void formPage_errorSummaryLinksToFieldsThatExist_andRepeatsMessagesBesideThem() {
    String page = site.formPage(portal, "en", "../", AllPages.typed(), AllPages.EVERY_ERROR);
    assertTrue(page.contains("<title>Error: "), "title says there is an error");
    assertTrue(page.contains("role=\"alert\""));
    Set<String> ids = ids(page);
    Matcher links = Pattern.compile("<li><a href=\"#([^\"]+)\">").matcher(page);
    int count = 0;
    while (links.find()) {
      assertTrue(ids.contains(links.group(1)), "summary links to missing id " + links.group(1));
      count++;
    }
    assertEquals(13, count, "every field problem links to its field; the portal problem does not");
    for (String id : List.of("url-1", "url-2", "url-3", "url-5", "app", "app-id", "location", "how-found", "details",
        "contact-name", "contact-email", "contact-phone")) {
      assertTrue(page.contains("id=\"" + id + "-error\""), id + " error beside field");
      Matcher described = Pattern.compile("id=\"" + id + "\"[^>]*aria-describedby=\"([^\"]*)\"").matcher(page);
      assertTrue(described.find() && described.group(1).contains(id + "-error"), id + " described by its error");
    }
    assertTrue(page.contains("aria-describedby=\"kind-error\""));
  }

  @Test
  void formPage_idsAreUnique_andDescribedByTargetsExist() {
    for (String lang : Languages.ALL) {
      for (String page : List.of(empty(lang), site.formPage(portal, lang, "../", AllPages.typed(), AllPages.EVERY_ERROR))) {
        List<String> all = new ArrayList<>();
        Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(page);
        while (m.find()) {
          all.add(m.group(1));
        }
        assertEquals(all.size(), new HashSet<>(all).size(), "duplicate id in " + lang);
        Matcher d = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(page);
        while (d.find()) {
          for (String ref : d.group(1).split(" ")) {
            assertTrue(all.contains(ref), lang + ": aria-describedby names missing id " + ref);
          }
        }
        Matcher f = Pattern.compile("<label for=\"([^\"]+)\"").matcher(page);
        while (f.find()) {
          assertTrue(all.contains(f.group(1)), lang + ": label for missing id " + f.group(1));
        }
      }
    }
  }

  @Test
  void formPage_maxlengthEqualsProtocolLimits() {
    String page = empty("en");
    Map<String, Integer> expected = Map.of("location", Limits.LOCATION_MAX, "how_found", Limits.HOW_FOUND_MAX,
        "details", Limits.DETAILS_MAX, "contact_name", Limits.CONTACT_NAME_MAX,
        "contact_email", Limits.CONTACT_EMAIL_MAX, "contact_phone", Limits.CONTACT_PHONE_MAX);
    expected.forEach((name, max) -> assertEquals(List.of(max), maxlengths(page, name), name));
    assertEquals(java.util.Collections.nCopies(FormView.URL_INPUTS, Limits.URL_MAX), maxlengths(page, "url"),
        "three address inputs, each limited to URL_MAX");
    FormValues five = new FormValues(Map.of(Form.URL, List.of("a", "b", "c", "d", "e", "f")));
    assertEquals(Limits.MAX_URLS, maxlengths(site.formPage(portal, "en", "", five, List.of(new FieldError(Form.URL, 5, "url.tooMany"))), "url").size(),
        "a 422 shows every address sent, up to MAX_URLS");
    assertFalse(Pattern.compile("<input[^>]*name=\"url\"[^>]*required").matcher(page).find(),
        "no address is required by the browser: the app and account may say where instead");
    assertEquals(List.of(Limits.APP_MAX), maxlengths(page, "app"));
    assertEquals(List.of(Limits.APP_IDENTIFIER_MAX), maxlengths(page, "app_identifier"));
    assertEquals(4, count(page, "name=\"kind\"[^>]*required"), "kind required");
  }

  @Test
  void formPage_hasHiddenPortalAndLang_andAHoneypotHiddenFromEveryone() {
    String page = empty("es");
    assertTrue(page.contains("<input type=\"hidden\" name=\"portal\" value=\"example\">"));
    assertTrue(page.contains("<input type=\"hidden\" name=\"lang\" value=\"es\">"));
    assertTrue(page.contains("<div hidden aria-hidden=\"true\"><input id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\""));
    assertTrue(page.contains("action=\"https://relay.example.org/report\""));
  }

  @Test
  void formPage_radioValuesAreTheContentKindWireValues() {
    String page = empty("en");
    for (var kind : org.hotlinerelay.protocol.report.ContentKind.values()) {
      assertTrue(page.contains("name=\"kind\" value=\"" + kind.wireValue() + "\""), kind.toString());
    }
  }

  @Test
  void formPage_relativeActionForTheRelaysOwnPortal() {
    String page = site.formPage(Portal.relayDefault(Languages.ALL), "en", "../", FormValues.empty(), List.of());
    assertTrue(page.contains("action=\"../report\""));
    assertFalse(page.contains("Content-Security-Policy"), "the relay sends its policy as a header");
  }

  @Test
  void pages_inArabicAreRightToLeft_othersLeftToRight() {
    for (String lang : Languages.ALL) {
      String dir = lang.equals("ar") ? "rtl" : "ltr";
      for (String page : List.of(empty(lang), site.thanksPage(portal, lang, "../"), site.errorPage(portal, lang, "../", 503))) {
        assertTrue(page.contains("<html lang=\"" + lang + "\" dir=\"" + dir + "\">"), lang);
      }
    }
    assertTrue(empty("en").contains("lang=\"ar\" dir=\"rtl\">العربية</a>"), "switcher names Arabic in Arabic, RTL");
  }

  @Test
  void languageSwitcher_isPlainLinks_markingTheCurrentLanguage() {
    String page = empty("pt");
    assertTrue(page.contains("<a href=\"../pt/\" lang=\"pt\" dir=\"ltr\" aria-current=\"page\">Português</a>"));
    assertTrue(page.contains("<a href=\"../fr/\" lang=\"fr\" dir=\"ltr\">Français</a>"));
    String single = site.formPage(new Portal("solo", "Solo", List.of("en"), "", "#1d4f91", "", ""), "en", "", FormValues.empty(), List.of());
    assertFalse(single.contains("<nav"), "no switcher for one language");
  }

  @Test
  void errorPage_everyStatusInEveryLanguage_unknownStatusFallsBackTo400() {
    for (String lang : Languages.ALL) {
      for (int status : Site.ERROR_STATUSES) {
        String page = site.errorPage(portal, lang, "../", status);
        assertTrue(page.contains("<h1>" + escape(site.message(lang, "status." + status + ".title")) + "</h1>"), lang + " " + status);
        assertTrue(page.contains("href=\"../" + lang + "/\""), "link back to the form");
      }
    }
    assertTrue(site.errorPage(portal, "en", "", 418).contains(site.message("en", "status.400.title")));
  }

  @Test
  void unknownLanguage_rendersEnglish() {
    assertTrue(site.thanksPage(portal, "xx", "../").contains("<html lang=\"en\""));
    assertFalse(site.hasLanguage("xx"));
    assertFalse(site.hasLanguage(null));
  }

  @Test
  void stylesheet_carriesThePortalsAccent() {
    Portal red = new Portal("red", "Red", List.of("en"), "", "#A00000", "", "");
    assertTrue(site.stylesheet(red).contains("--accent:#a00000;"));
    assertTrue(site.stylesheet().contains("--accent:#1d4f91;"));
  }

  @Test
  void partnerPages_carryAContentSecurityPolicyLimitingTheFormToTheRelay() {
    String page = empty("en");
    assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;self&#39;; form-action https://relay.example.org; base-uri &#39;none&#39;\">"), page.substring(0, 400));
  }

  @Test
  void formPage422_keepsTheAnonymityReassurance_inEveryLanguage() {
    for (String lang : Languages.ALL) {
      String page = site.formPage(portal, lang, "../", AllPages.typed(), AllPages.EVERY_ERROR);
      assertTrue(page.contains(escape(site.message(lang, "anon.title"))), lang + ": the 422 page says the report is anonymous");
    }
  }

  @Test
  void copyWarning_saysWhatToDo_withoutCallingTheReaderACriminal() {
    Map<String, List<String>> accusing = Map.of("en", List.of("crime"), "fr", List.of("crime", "délit"),
        "es", List.of("delito", "crimen"), "pt", List.of("crime"), "ar", List.of("جريمة"));
    for (String lang : Languages.ALL) {
      String warning = site.message(lang, "before.noCopy");
      for (String word : accusing.get(lang)) {
        assertFalse(warning.toLowerCase(java.util.Locale.ROOT).contains(word), lang + ": " + warning);
      }
      assertTrue(empty(lang).contains(escape(warning)), lang + ": the warning is on the form");
    }
    String en = site.message("en", "before.noCopy");
    for (String act : List.of("download", "share", "forward", "delete", "where they came from")) {
      assertTrue(en.contains(act), "says what to do: " + act);
    }
  }

  @Test
  void honeypot_hasNoVisibleWords_soNoBrowserCanShowThem() {
    for (String lang : Languages.ALL) {
      String page = empty(lang);
      Matcher trap = Pattern.compile("<div hidden[^>]*>(.*?)</div>").matcher(page);
      assertTrue(trap.find(), lang + ": the trap's box");
      assertTrue(trap.group(1).contains("name=\"website\""), lang + ": the trap is still there for bots");
      assertEquals("", trap.group(1).replaceAll("<[^>]*>", "").strip(), lang + ": no words a text browser could show");
    }
  }

  @Test
  void optInError_isAboveTheCheckboxRow_notInsideIt() {
    String page = site.formPage(portal, "en", "../", AllPages.typed(), List.of(new FieldError(Form.CONTACT_OPT_IN, 0, "contact.optInMissing")));
    int row = page.indexOf("<div class=\"opt\"><input type=\"checkbox\"");
    int error = page.indexOf("id=\"contact-opt-in-error\"");
    assertTrue(row > 0 && error > 0 && error < row, "the error paragraph comes before, not inside, the flex row");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static Set<String> ids(String page) {
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(page);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static List<Integer> maxlengths(String page, String name) {
    List<Integer> result = new ArrayList<>();
    Matcher m = Pattern.compile("<(?:input|textarea)[^>]*name=\"" + name + "\"[^>]*maxlength=\"(\\d+)\"").matcher(page);
    while (m.find()) {
      result.add(Integer.parseInt(m.group(1)));
    }
    return result;
  }

  private static int count(String page, String regex) {
    Matcher m = Pattern.compile(regex).matcher(page);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
