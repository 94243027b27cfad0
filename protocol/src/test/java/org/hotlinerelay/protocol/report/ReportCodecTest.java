// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hotlinerelay.protocol.InvalidReportException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class ReportCodecTest {
  private static byte[] pad(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Limits.PADDED_PLAINTEXT_BYTES).putInt(bytes.length).put(bytes).array();
  }

  private static String typicalJson() {
    return new String(ReportCodec.toJson(TestReports.typical()), StandardCharsets.UTF_8);
  }

  @Test
  void encode_thenDecode_roundTrips() throws Exception {
    Report report = TestReports.typical();
    assertEquals(report, ReportCodec.decode(ReportCodec.encode(report)));
  }

  @Test
  void encode_padsEveryReportToTheSameSize() {
    assertEquals(Limits.PADDED_PLAINTEXT_BYTES, ReportCodec.encode(TestReports.minimal()).length);
    assertEquals(Limits.PADDED_PLAINTEXT_BYTES, ReportCodec.encode(TestReports.maximal()).length);
  }

  @Test
  void decode_failsWithWrongTotalSize() {
    byte[] truncated = Arrays.copyOf(ReportCodec.encode(TestReports.minimal()), 100);
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(truncated));
  }

  @Test
  void decode_failsWithNonZeroPadding() {
    byte[] plaintext = ReportCodec.encode(TestReports.minimal());
    plaintext[plaintext.length - 1] = 1;
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(plaintext));
  }

  @Test
  void decode_failsWithLengthBeyondCapacity() {
    byte[] plaintext = ReportCodec.encode(TestReports.minimal());
    ByteBuffer.wrap(plaintext).putInt(Limits.PADDED_PLAINTEXT_BYTES);
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(plaintext));
  }

  @Test
  void decode_failsWithFutureVersion() {
    String json = typicalJson().replace("\"v\":1", "\"v\":2");
    UnsupportedVersionException e =
        assertThrows(UnsupportedVersionException.class, () -> ReportCodec.decode(pad(json)));
    assertEquals("unsupported schema version 2", e.getMessage());
  }

  @Test
  void decode_failsWithUnknownField() {
    String json = typicalJson().replace("\"v\":1,", "\"v\":1,\"ip\":\"203.0.113.7\",");
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(pad(json)));
  }

  @Test
  void decode_failsWithMissingField() {
    String json = typicalJson().replaceFirst(",\"howFound\":\"[^\"]*\"", "");
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(pad(json)));
  }

  @Test
  void decode_failsWithNotJson() {
    assertThrows(MalformedMessageException.class, () -> ReportCodec.decode(pad("{not json")));
  }

  @Test
  void decode_failsWithValidJsonButInvalidValues() {
    String json = typicalJson().replace("\"contentKind\":\"both\"", "\"contentKind\":\"audio\"");
    assertThrows(InvalidReportException.class, () -> ReportCodec.decode(pad(json)));
    String badUrl = typicalJson().replace("https://example.com/gallery?id=42", "ftp://example.com/");
    assertThrows(InvalidReportException.class, () -> ReportCodec.decode(pad(badUrl)));
  }

  @Test
  void toJson_namesEveryFieldOfTheContract() {
    String json = typicalJson();
    for (String field : new String[] {"\"v\"", "\"id\"", "\"receivedHour\"", "\"portal\"", "\"language\"",
        "\"urls\"", "\"contentKind\"", "\"location\"", "\"howFound\"", "\"details\"", "\"contact\""}) {
      assertEquals(1, json.split(field, -1).length - 1, field);
    }
  }
}
