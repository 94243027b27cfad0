// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebTextTest {
  @CsvSource(delimiter = '|', textBlock = """
      https://example.com/a              | hxxps://example[.]com/a
      https://exa\u202Eelpmax.com/        | hxxps://exa<U+202E>elpmax[.]com/
      https://zero\u200Bwidth.example/   | hxxps://zero<U+200B>width[.]example/
      https://a.example/\u2066x\u2069    | hxxps://a[.]example/<U+2066>x<U+2069>
      https://nb\u00A0sp.example/        | hxxps://nb<U+00A0>sp[.]example/
      https://bücher.example/مرحبا       | hxxps://bücher[.]example/مرحبا
      www.example.com/a.b?x=y.z          | www[.]example[.]com/a.b?x=y.z
      """)
  @ParameterizedTest
  void address_defangedAndInvisibleCharactersShown(String typed, String shown) {
    assertEquals(shown, WebText.address(typed));
  }

  @Test
  void app_defangsAddressesInsideShowsInvisibleCharacters() {
    assertEquals("hxxps://t[.]me/+abc <U+3164>x", WebText.app("https://t.me/+abc \u3164x"));
    assertEquals("Game chat", WebText.app("Game chat"));
  }

  @Test
  void block_keepsLineBreaksShowsOtherControls() {
    assertEquals("line one\nline\u0020two <U+001B>[31m", WebText.block("line one\nline two \u001B[31m"));
    assertEquals("a<U+000A>b", WebText.line("a\nb"));
  }
}
