// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every page the site renders, in every language: the tests' catalogue. */
final class AllPages {
  /**
   * The most problems the relay names at once, each code at most once: the largest 422 page.
   * Codes that exclude one another are left out here and covered by {@link #ERROR_CODES}:
   * {@code url.required} (no address at all), {@code contact.required} (the box ticked with every
   * detail empty) and {@code contact.optInMissing} (details typed, the box not ticked), and {@code lang.unknown} and {@code form.invalid}, which the relay never
   * names (an unknown language falls back to the default).
   */
  static final List<FieldError> EVERY_ERROR = List.of(
      new FieldError(Form.URL, 0, "url.invalid"),
      new FieldError(Form.URL, 1, "url.tooLong"),
      new FieldError(Form.URL, 2, "url.invalid"),
      new FieldError(Form.URL, 4, "url.tooMany"),
      new FieldError(Form.APP, 0, "app.required"),
      new FieldError(Form.APP_IDENTIFIER, 0, "appIdentifier.tooLong"),
      new FieldError(Form.KIND, 0, "kind.required"),
      new FieldError(Form.LOCATION, 0, "location.tooLong"),
      new FieldError(Form.HOW_FOUND, 0, "howFound.tooLong"),
      new FieldError(Form.DETAILS, 0, "details.tooLong"),
      new FieldError(Form.CONTACT_NAME, 0, "contact.name.tooLong"),
      new FieldError(Form.CONTACT_EMAIL, 0, "contact.email.invalid"),
      new FieldError(Form.CONTACT_PHONE, 0, "contact.phone.tooLong"),
      new FieldError(Form.PORTAL, 0, "portal.unknown"));

  /** Every code in {@link #EVERY_ERROR}, plus a few that cannot appear together with them. */
  static final List<String> ERROR_CODES = List.of("url.required", "url.invalid", "url.tooLong",
      "url.tooMany", "url.invisible", "contact.optInMissing", "app.required", "appIdentifier.required", "app.tooLong", "appIdentifier.tooLong", "kind.required", "kind.invalid", "location.tooLong", "howFound.tooLong",
      "details.tooLong", "contact.required", "contact.name.tooLong", "contact.email.invalid",
      "contact.email.tooLong", "contact.phone.tooLong", "contact.phone.invalid", "portal.unknown", "text.control", "lang.unknown", "form.invalid");

  private AllPages() {}

  static Portal portal() {
    return new Portal("example", "Example Hotline", Languages.ALL, "https://relay.example.org/",
        "#1d4f91", "https://example.org/legal", "https://example.org/contact");
  }

  /** A 422 page's worth of typed values, every field filled. */
  static FormValues typed() {
    return new FormValues(Map.ofEntries(
        Map.entry(Form.URL, List.of("https://a.example/1", "https://b.example/2", "https://c.example/3")),
        Map.entry(Form.APP, List.of("Telegram")),
        Map.entry(Form.APP_IDENTIFIER, List.of("@some_channel")),
        Map.entry(Form.KIND, List.of("both")),
        Map.entry(Form.LOCATION, List.of("third picture")),
        Map.entry(Form.HOW_FOUND, List.of("a pop-up")),
        Map.entry(Form.DETAILS, List.of("password is on the first page")),
        Map.entry(Form.CONTACT_OPT_IN, List.of("yes")),
        Map.entry(Form.CONTACT_NAME, List.of("Sam")),
        Map.entry(Form.CONTACT_EMAIL, List.of("sam@example")),
        Map.entry(Form.CONTACT_PHONE, List.of("+44 20 7946 0000"))));
  }

  /** name → html for every page of every language. */
  static Map<String, String> render(Site site, Portal portal) {
    Map<String, String> pages = new LinkedHashMap<>();
    for (String lang : Languages.ALL) {
      pages.put(lang + "/form", site.formPage(portal, lang, "../", FormValues.empty(), List.of()));
      pages.put(lang + "/422", site.formPage(portal, lang, "../", typed(), EVERY_ERROR));
      pages.put(lang + "/thanks", site.thanksPage(portal, lang, "../"));
      for (int status : new ArrayList<>(Site.ERROR_STATUSES)) {
        pages.put(lang + "/" + status, site.errorPage(portal, lang, "../", status));
      }
    }
    return pages;
  }
}
