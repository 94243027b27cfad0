// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.site.Form;

/**
 * Fuzz target for {@link FormBody#parse}: any bytes either parse into allowed fields only, or are a
 * {@link MalformedFormException} (the 400 page). Any other exception is a finding. Runs its seeds
 * (FormBodyFuzzTestInputs/) in every {@code verify}; fuzzes under {@code -Pfuzz}.
 */
class FormBodyFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse(byte[] body) {
    Map<String, List<String>> fields;
    try {
      fields = FormBody.parse(body);
    } catch (MalformedFormException documented) {
      return;
    }
    assertTrue(Form.ALLOWED.containsAll(fields.keySet()));
    assertTrue(fields.values().stream().mapToInt(List::size).sum() <= Limits.MAX_FORM_PARAMETERS);
    for (List<String> values : fields.values()) {
      for (String v : values) {
        for (int i = 0; i < v.length(); i++) {
          char c = v.charAt(i);
          if (Character.isHighSurrogate(c)) {
            assertTrue(i + 1 < v.length() && Character.isLowSurrogate(v.charAt(++i)), "lone surrogate");
          } else {
            assertTrue(!Character.isLowSurrogate(c), "lone surrogate");
          }
        }
      }
    }
  }
}
