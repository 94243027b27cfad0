// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.Limits;
import org.junit.jupiter.api.Test;

class FormBodyTest {
  private static Map<String, List<String>> parse(String body) throws MalformedFormException {
    return FormBody.parse(body.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void parse_decodesPlusPercentAndUtf8() throws Exception {
    Map<String, List<String>> f = parse("details=a+b%20c%E2%82%AC&url=x&url=&url=y");
    assertEquals(List.of("a b c€"), f.get("details"));
    assertEquals(List.of("x", "", "y"), f.get("url"));
  }

  @Test
  void parse_dropsUnknownFieldsUnread() throws Exception {
    Map<String, List<String>> f = parse("evil=1&file=2&details=ok&&");
    assertEquals(Map.of("details", List.of("ok")), f);
  }

  @Test
  void parse_nameWithoutValue_isEmpty() throws Exception {
    assertEquals(List.of(""), parse("details").get("details"));
  }

  @Test
  void parse_badPercentEncoding_isMalformed() {
    assertThrows(MalformedFormException.class, () -> parse("details=%G1"));
    assertThrows(MalformedFormException.class, () -> parse("details=%4"));
    assertThrows(MalformedFormException.class, () -> parse("details=%"));
    assertThrows(MalformedFormException.class, () -> parse("de%ZZtails=x"));
  }

  @Test
  void parse_invalidUtf8_isMalformed() {
    assertThrows(MalformedFormException.class, () -> parse("details=%C3%28"));
    assertThrows(MalformedFormException.class, () -> parse("details=%ED%A0%80"));
    assertThrows(MalformedFormException.class, () -> FormBody.parse(new byte[] {'u', 'r', 'l', '=', (byte) 0xFF}));
  }

  @Test
  void parse_asciiShortcut_decodesExactlyAsTheDecoder() throws Exception {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 5_000; round++) {
      byte[] value = new byte[random.nextInt(40)];
      boolean ascii = random.nextBoolean();
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) (ascii ? random.nextInt(128) : random.nextInt(256));
      }
      StringBuilder body = new StringBuilder("details=");
      for (byte b : value) {
        body.append('%').append(String.format("%02X", b & 0xff));
      }
      java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      String expected;
      try {
        expected = strict.decode(java.nio.ByteBuffer.wrap(value)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        expected = null;
      }
      if (expected == null) {
        assertThrows(MalformedFormException.class, () -> parse(body.toString()), "round " + round);
      } else {
        assertEquals(List.of(expected), parse(body.toString()).get("details"), "round " + round);
      }
    }
  }

  @Test
  void parse_tooManyParameters_isMalformed() throws Exception {
    String ok = "a=1&".repeat(Limits.MAX_FORM_PARAMETERS);
    assertFalse(parse(ok).containsKey("a"));
    assertThrows(MalformedFormException.class, () -> parse(ok + "b=2"));
  }
}
