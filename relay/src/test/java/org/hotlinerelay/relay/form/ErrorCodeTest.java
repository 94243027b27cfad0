// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void all_areUniqueMessageKeySuffixes() {
    assertEquals(ErrorCode.values().length, new HashSet<>(ErrorCode.all()).size());
    for (String code : ErrorCode.all()) {
      assertTrue(code.matches("[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)+"), code);
    }
  }
}
