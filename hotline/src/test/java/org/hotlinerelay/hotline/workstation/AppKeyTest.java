// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.hotlinerelay.protocol.report.InApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppKeyTest {
  @CsvSource(delimiter = '|', textBlock = """
      Telegram     | @SomeChannel    | telegram     | @somechannel
      TELEGRAM     | @somechannel    | telegram     | @somechannel
      Game Chat    | Player 7   | game chat    | player 7
      Spiel        | ÄBC             | spiel        | äbc
      """)
  @ParameterizedTest(name = "{0} {1}")
  void of_trimsAndLowerCases(String app, String identifier, String keyApp, String keyIdentifier) {
    assertEquals(new AppKey(keyApp, keyIdentifier), AppKey.of(new InApp(app, identifier)));
  }

  @Test
  void of_keepsWhatTellsAccountsApart() {
    assertNotEquals(AppKey.of(new InApp("Telegram", "@chan")), AppKey.of(new InApp("Telegram", "chan")));
    assertNotEquals(AppKey.of(new InApp("Telegram", "chan")), AppKey.of(new InApp("Signal", "chan")));
    assertEquals("AppKey[redacted]", AppKey.of(new InApp("Telegram", "@chan")).toString());
  }
}
