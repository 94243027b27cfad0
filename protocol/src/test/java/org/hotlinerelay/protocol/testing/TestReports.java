// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportUrl;
import org.hotlinerelay.protocol.report.TextNormaliser;

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

  /** {@link #minimal()} with these details (already clean). */
  public static Report withDetails(String details) {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/a"), ContentKind.IMAGES, "", "", details, null, null);
  }

  /**
   * The largest report the limits allow, in the worst-case encoding: every free-text code point
   * is outside the Basic Multilingual Plane (four UTF-8 bytes, U+1F600).
   */
  public static Report maximal() {
    int smiley = 0x1F600;
    return maximalFrom(() -> smiley);
  }

  /** Every field at its limit in one-byte characters: the JSON the other maxima are measured against. */
  public static Report maximalAscii() {
    return maximalFrom(() -> 'a');
  }

  /**
   * Every field at its limit, its code points drawn from {@code next} and cleaned as the form
   * cleans them. Addresses are {@code https://example.com/} followed by drawn code points that an
   * address may hold (ASCII letters, or anything non-ASCII that is neither white space nor invisible).
   */
  public static Report maximalFrom(IntSupplier next) {
    String prefix = "https://example.com/";
    IntSupplier urlPoint = () -> {
      int cp;
      do {
        cp = next.getAsInt();
      } while (!(cp >= 'a' && cp <= 'z') && (cp < 0x80 || !ReportUrl.isAcceptable(prefix + Character.toString(cp))));
      return cp;
    };
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < Limits.MAX_URLS; i++) {
      urls.add(prefix + text(urlPoint, Limits.URL_MAX - prefix.length(), false));
    }
    return new Report(Ids.random(), "2026-11-28T16:00Z", "p".repeat(Limits.PORTAL_ID_MAX), "pt-BR",
        urls, ContentKind.OTHER, text(next, Limits.LOCATION_MAX, false), text(next, Limits.HOW_FOUND_MAX, true),
        text(next, Limits.DETAILS_MAX, true),
        new Contact(text(next, Limits.CONTACT_NAME_MAX, false), text(next, Limits.CONTACT_EMAIL_MAX, false),
            text(next, Limits.CONTACT_PHONE_MAX, false)),
        new InApp(text(next, Limits.APP_MAX, false), text(next, Limits.APP_IDENTIFIER_MAX, false)));
  }

  /** Exactly {@code length} code points from {@code next}, as the form would clean them. */
  private static String text(IntSupplier next, int length, boolean multiLine) {
    String s = "";
    while (true) {
      StringBuilder b = new StringBuilder(s);
      for (int n = s.codePointCount(0, s.length()); n < length; n++) {
        b.appendCodePoint(next.getAsInt());
      }
      String raw = b.toString();
      if (raw.codePointCount(0, raw.length()) > length) {
        raw = raw.substring(0, raw.offsetByCodePoints(0, length));
      }
      s = multiLine ? TextNormaliser.multiLine(raw) : TextNormaliser.singleLine(raw);
      if (s.codePointCount(0, s.length()) == length && s.equals(multiLine ? TextNormaliser.multiLine(s)
          : TextNormaliser.singleLine(s))) {
        return s;
      }
    }
  }
}
