// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.IntPredicate;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

/**
 * The padded size holds every report the rules accept. The bound is computed, not sampled: every
 * code point a report may hold costs at most {@link #WORST_BYTES_PER_UNIT} bytes of JSON per UTF-16
 * code unit it counts as (checked for all of Unicode), so a report with every field at its limit in
 * one-byte characters plus that difference for every unit is the largest possible.
 */
class LimitsTest {
  /**
   * Three: a character of the Basic Multilingual Plane is one unit and at most three UTF-8 bytes,
   * one outside it two units and four bytes, an escape ({@code "}, {@code \\}, the line break) one
   * unit and two bytes.
   */
  static final int WORST_BYTES_PER_UNIT = 3;

  /** Every field a person types, at its limit, in UTF-16 units. */
  static final int UNITS = Limits.MAX_URLS * Limits.URL_MAX + Limits.LOCATION_MAX + Limits.HOW_FOUND_MAX
      + Limits.DETAILS_MAX + Limits.CONTACT_NAME_MAX + Limits.CONTACT_EMAIL_MAX + Limits.CONTACT_PHONE_MAX
      + Limits.APP_MAX + Limits.APP_IDENTIFIER_MAX;

  @Test
  void everyCodePoint_costsAtMostThreeJsonBytesPerUnit() {
    int checked = 0;
    StringBuilder slice = new StringBuilder();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (!TextNormaliser.isAllowedInText(cp)) {
        continue;
      }
      slice.appendCodePoint(cp);
      checked++;
      if (slice.length() >= 1000) {
        assertJsonCost(slice.toString());
        slice.setLength(0);
      }
    }
    assertJsonCost(slice.toString());
    assertTrue(checked > 1_000_000, "checked " + checked + " code points");
  }

  /** The JSON bytes {@code text} adds to a report, once cleaned as the form cleans it, per unit. */
  private static void assertJsonCost(String raw) {
    String text = TextNormaliser.multiLine(raw);
    if (text.isEmpty()) {
      return;
    }
    int without = ReportCodec.toJson(TestReports.withDetails("")).length;
    int cost = ReportCodec.toJson(TestReports.withDetails(text)).length - without;
    assertTrue(cost <= WORST_BYTES_PER_UNIT * text.length(),
        "code points from U+" + Integer.toHexString(text.codePointAt(0)) + " cost " + cost + " bytes for "
            + text.length() + " units");
  }

  @Test
  void everyEscape_costsAtMostThreeJsonBytesPerUnit() {
    assertJsonCost("\"\\\n\"\n\\");
  }

  @Test
  void paddedSize_holdsEveryFieldAtItsLimit_atTheWorstCostPerUnit() {
    Report ascii = TestReports.maximalAscii();
    int bound = ReportCodec.toJson(ascii).length + (WORST_BYTES_PER_UNIT - 1) * UNITS;
    assertTrue(bound <= ReportCodec.CAPACITY, "worst case " + bound + " bytes, capacity " + ReportCodec.CAPACITY);
  }

  @Test
  void maximalAscii_reallyHasEveryFieldAtItsLimit() {
    Report r = TestReports.maximalAscii();
    assertEquals(Limits.MAX_URLS, r.urls().size());
    r.urls().forEach(u -> assertEquals(Limits.URL_MAX, u.length()));
    assertEquals(Limits.DETAILS_MAX, r.details().length());
    assertEquals(Limits.LOCATION_MAX, r.location().length());
    assertEquals(Limits.HOW_FOUND_MAX, r.howFound().length());
    assertEquals(Limits.CONTACT_NAME_MAX, r.contact().name().length());
    assertEquals(Limits.CONTACT_EMAIL_MAX, r.contact().email().length());
    assertEquals(Limits.CONTACT_PHONE_MAX, r.contact().phone().length());
    assertEquals(Limits.PORTAL_ID_MAX, r.portal().length());
    assertEquals(Limits.APP_MAX, r.inApp().app().length());
    assertEquals(Limits.APP_IDENTIFIER_MAX, r.inApp().identifier().length());
  }

  @Test
  void maximalReport_atThreeBytesPerUnit_encodes() {
    Report r = TestReports.maximal();
    assertEquals(3 * Limits.DETAILS_MAX, r.details().getBytes(StandardCharsets.UTF_8).length);
    assertEquals(Limits.PADDED_PLAINTEXT_BYTES, ReportCodec.encode(r).length);
  }

  /**
   * Property: every field at its limit (in units), filled with random code points from one plane
   * (all seventeen, each several times), encodes into the padded size and decodes to the same report.
   */
  @Test
  void everyPlane_everyFieldAtItsLimit_fitsAndRoundTrips() throws Exception {
    Random random = new Random(16);
    for (int plane = 0; plane <= 16; plane++) {
      for (int round = 0; round < 3; round++) {
        int from = plane << 16;
        IntPredicate allowed = TextNormaliser::isAllowedInText;
        Report r = TestReports.maximalFrom(() -> {
          int cp;
          do {
            cp = from + random.nextInt(0x10000);
          } while (!allowed.test(cp) || cp == '\n');
          return cp;
        });
        byte[] plaintext = ReportCodec.encode(r);
        assertEquals(Limits.PADDED_PLAINTEXT_BYTES, plaintext.length);
        Report back = ReportCodec.decode(plaintext);
        assertEquals(r.details(), back.details(), "plane " + plane);
        assertEquals(r.urls(), back.urls(), "plane " + plane);
      }
    }
  }

  @Test
  void maxFormBytes_fitsTheLargestReportPercentEncoded() {
    // Every unit at 3 UTF-8 bytes (4 bytes for 2 units outside the Basic Plane), each written as %XX.
    int fieldOverhead = 600; // names, '=', '&', portal, lang, kind, opt-in, honeypot
    assertTrue(UNITS * 9 + fieldOverhead <= Limits.MAX_FORM_BYTES,
        "a maximal form needs " + (UNITS * 9 + fieldOverhead) + " bytes");
  }

}
