// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.site.Form;

/**
 * Fuzz target for {@link ReportForm#validate}: any allowed fields with any values (as UTF-8
 * decoding gives them: no lone surrogate) give a trap, a 422 with at least one named problem, or
 * a report that fits the padded size and reads back the same. An exception, or a valid report
 * that does not fit (the 503 that can never help), is a finding. Runs its seeds
 * (ReportFormFuzzTestInputs/) in every {@code verify}; fuzzes under {@code -Pfuzz}.
 */
class ReportFormFuzzTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T16:42:13Z"), ZoneOffset.UTC);
  private static final ReportForm FORM = new ReportForm(Set.of("default"), "en", CoarseTime.HOUR, CLOCK);
  private static final List<String> NAMES = Form.ALLOWED;
  private static final String[] USUAL = {"default", "en", "ar", "yes", "images", "videos", "other",
      "https://example.com/a", ""};

  @FuzzTest(maxDuration = "30s")
  void validate(FuzzedDataProvider data) throws Exception {
    Map<String, List<String>> fields = new HashMap<>();
    int count = data.consumeInt(0, Limits.MAX_FORM_PARAMETERS);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String name = NAMES.get(data.consumeInt(0, NAMES.size() - 1));
      String value = data.consumeBoolean() ? data.pickValue(USUAL)
          : asUtf8Decodes(data.consumeString(data.consumeInt(0, 2 * Limits.DETAILS_MAX)));
      fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    Submission submission = FORM.validate(fields);
    if (submission instanceof Submission.Invalid invalid) {
      assertFalse(invalid.errors().isEmpty());
    } else if (submission instanceof Submission.Valid valid) {
      Report report = valid.report();
      byte[] plaintext = ReportCodec.encode(report);
      assertEquals(Limits.PADDED_PLAINTEXT_BYTES, plaintext.length);
      assertEquals(report, ReportCodec.decode(plaintext));
    }
  }

  /** What a string becomes through UTF-8 and back: what {@link FormBody} can hand the form. */
  private static String asUtf8Decodes(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
