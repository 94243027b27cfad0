package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class LimitsTest {
  @Test
  void paddedSize_fitsTheLargestAllowedReportInTheWorstEncoding() {
    byte[] json = ReportCodec.toJson(TestReports.maximal());
    System.out.println("LIMITS worst-case report " + json.length + " bytes of " + ReportCodec.CAPACITY);
    assertTrue(json.length <= ReportCodec.CAPACITY,
        "worst-case report is " + json.length + " bytes, capacity " + ReportCodec.CAPACITY);
  }

  @Test
  void maxFormBytes_fitsTheLargestReportPercentEncoded() {
    // Every free-text code point at 3 UTF-8 bytes, each written as %XX.
    int codePoints = Limits.MAX_URLS * Limits.URL_MAX + Limits.LOCATION_MAX + Limits.HOW_FOUND_MAX
        + Limits.DETAILS_MAX + Limits.CONTACT_NAME_MAX + Limits.CONTACT_EMAIL_MAX + Limits.CONTACT_PHONE_MAX
        + Limits.APP_MAX + Limits.APP_IDENTIFIER_MAX;
    int fieldOverhead = 600; // names, '=', '&', portal, lang, kind, opt-in, honeypot
    assertTrue(codePoints * 9 + fieldOverhead <= Limits.MAX_FORM_BYTES,
        "a maximal form needs " + (codePoints * 9 + fieldOverhead) + " bytes");
  }

  @Test
  void maximalReport_usesThreeByteCharacters() {
    // Guards the test above: the fixture must really be worst-case.
    String details = TestReports.maximal().details();
    assertTrue(details.getBytes(StandardCharsets.UTF_8).length == 3 * details.length());
    String identifier = TestReports.maximal().inApp().identifier();
    assertTrue(identifier.getBytes(StandardCharsets.UTF_8).length == 3 * Limits.APP_IDENTIFIER_MAX, "the app fields are at their limits too");
  }
}
