// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.Limits;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void everyLanguage_hasExactlyTheEnglishKeys() {
    Set<String> english = messages.all("en").keySet();
    for (String lang : Languages.ALL) {
      Set<String> missing = new TreeSet<>(english);
      missing.removeAll(messages.all(lang).keySet());
      Set<String> extra = new TreeSet<>(messages.all(lang).keySet());
      extra.removeAll(english);
      assertEquals(Set.of(), missing, lang + " lacks keys");
      assertEquals(Set.of(), extra, lang + " has keys English lacks");
    }
  }

  @Test
  void everyMessage_isNonBlank_andKeepsEnglishPlaceholders() {
    for (String lang : Languages.ALL) {
      for (Map.Entry<String, String> e : messages.all(lang).entrySet()) {
        assertFalse(e.getValue().isBlank(), lang + " " + e.getKey());
        boolean hasN = messages.get("en", e.getKey()).contains("{n}");
        assertEquals(hasN, e.getValue().contains("{n}"), lang + " " + e.getKey() + " placeholder {n}");
      }
    }
  }

  @Test
  void everyErrorCodeTheRelayProduces_hasAMessageInEveryLanguage() {
    for (String lang : Languages.ALL) {
      for (String code : AllPages.ERROR_CODES) {
        assertTrue(messages.all(lang).containsKey("error." + code), lang + " error." + code);
      }
      for (int status : Site.ERROR_STATUSES) {
        assertTrue(messages.all(lang).containsKey("status." + status + ".title"), lang + " " + status);
        assertTrue(messages.all(lang).containsKey("status." + status + ".body"), lang + " " + status);
      }
    }
  }

  @Test
  void lengthMessages_stateTheProtocolLimits() {
    Map<String, Integer> limits = Map.of("error.url.tooLong", Limits.URL_MAX,
        "error.url.tooMany", Limits.MAX_URLS, "error.location.tooLong", Limits.LOCATION_MAX,
        "error.howFound.tooLong", Limits.HOW_FOUND_MAX, "error.details.tooLong", Limits.DETAILS_MAX,
        "error.contact.name.tooLong", Limits.CONTACT_NAME_MAX,
        "error.contact.email.tooLong", Limits.CONTACT_EMAIL_MAX,
        "error.contact.phone.tooLong", Limits.CONTACT_PHONE_MAX,
        "error.app.tooLong", Limits.APP_MAX, "error.appIdentifier.tooLong", Limits.APP_IDENTIFIER_MAX);
    for (String lang : Languages.ALL) {
      limits.forEach((key, limit) -> {
        String digits = messages.get(lang, key).replaceAll("(?<=\\d)[ ,.\u00a0\u202f](?=\\d{3})", "");
        assertTrue(digits.contains(Integer.toString(limit)), lang + " " + key + " should say " + limit);
      });
    }
  }

  @Test
  void templates_holdNoWords() throws Exception {
    for (String name : new String[] {"head", "foot", "support", "field", "form", "thanks", "error"}) {
      String template = new String(getClass().getResourceAsStream("/site/templates/" + name + ".mustache").readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      String text = template.replaceAll("\\{\\{[^}]*}}", "").replaceAll("<[^>]*>", "").strip();
      assertTrue(text.replaceAll("[\\s.]", "").isEmpty(), name + " holds text outside messages: " + text);
    }
  }

  @Test
  void direction_isRtlForArabicOnly() {
    for (String lang : Languages.ALL) {
      assertEquals(lang.equals("ar"), messages.isRightToLeft(lang), lang);
      assertTrue(Set.of("ltr", "rtl").contains(messages.get(lang, "dir")), lang);
    }
  }

  @Test
  void languageNames_areDistinct() {
    Set<String> names = new HashSet<>();
    for (String lang : Languages.ALL) {
      assertTrue(names.add(messages.get(lang, "language.name")), lang);
    }
  }

  @Test
  void templates_nameOnlyKeysThatExist() throws Exception {
    Set<String> known = new HashSet<>();
    messages.all("en").keySet().forEach(k -> known.add(k.replace('.', '_')));
    known.addAll(Set.of(".", "lang", "dir", "base", "title", "portalId", "portalName", "action",
        "metaCsp", "formHref", "hasLanguageLinks", "languageLinks", "legalUrl", "contactUrl",
        "hasFooterLinks", "status_title", "status_body", "hasErrors", "errors", "firstUrl",
        "moreUrls", "moreUrlsOpen", "app", "appIdentifier", "inAppOpen", "kinds", "kindError", "location", "howFound", "details",
        "optedIn", "optInError", "contactName", "contactEmail", "contactPhone", "contactOpen",
        // fields of FieldView, ErrorItem, KindOption, LanguageLink
        "id", "name", "label", "hint", "value", "max", "type", "inputmode", "autocomplete",
        "required", "rows", "error", "describedBy", "href", "message", "checked", "code", "current"));
    Pattern tag = Pattern.compile("\\{\\{([#^/>{&]?)\\s*([^}\\s]+)\\s*}}");
    for (String name : new String[] {"head", "foot", "support", "field", "form", "thanks", "error"}) {
      String template = new String(getClass().getResourceAsStream("/site/templates/" + name + ".mustache").readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      Matcher m = tag.matcher(template);
      while (m.find()) {
        assertFalse(m.group(1).equals("{") || m.group(1).equals("&"), name + ": unescaped {{{" + m.group(2) + "}}}");
        if (!m.group(1).equals(">")) {
          assertTrue(known.contains(m.group(2)), name + " names an unknown key: " + m.group(2));
        }
      }
    }
  }
}
