package org.hotlinerelay.protocol.testing;

import java.util.List;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;

/** Sample reports for tests. */
public final class TestReports {
  private TestReports() {}

  /** The smallest valid report: one short URL, nothing optional. */
  public static Report minimal() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/a"), ContentKind.IMAGES, "", "", "", null, null);
  }

  /** A report from an app: no web address, the app and the account instead. */
  public static Report inApp() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en", List.of(), ContentKind.VIDEOS,
        "", "", "", null, new InApp("Telegram", "@example_channel"));
  }

  /** A typical report with every field filled. */
  public static Report typical() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "fr",
        List.of("https://example.com/gallery?id=42", "http://exampleabcdefghijklmnop.onion/x"),
        ContentKind.BOTH, "Third image in the second row", "A link in a forum post",
        "The page also links to other galleries.",
        new Contact("A. Reporter", "reporter@example.org", "+44 20 0000 0000"), null);
  }

  /**
   * The largest report the limits allow, in the worst-case encoding: every free-text code point
   * takes three UTF-8 bytes ('€').
   */
  public static Report maximal() {
    String euroUrlTail = "€".repeat(Limits.URL_MAX - "https://example.com/".length());
    List<String> urls = java.util.Collections.nCopies(Limits.MAX_URLS, "https://example.com/" + euroUrlTail);
    return new Report(Ids.random(), "2026-11-28T16:00Z", "p".repeat(Limits.PORTAL_ID_MAX), "pt-BR",
        urls, ContentKind.OTHER, "€".repeat(Limits.LOCATION_MAX), "€".repeat(Limits.HOW_FOUND_MAX),
        "€".repeat(Limits.DETAILS_MAX),
        new Contact("€".repeat(Limits.CONTACT_NAME_MAX), "€".repeat(Limits.CONTACT_EMAIL_MAX),
            "€".repeat(Limits.CONTACT_PHONE_MAX)),
        new InApp("€".repeat(Limits.APP_MAX), "€".repeat(Limits.APP_IDENTIFIER_MAX)));
  }
}
