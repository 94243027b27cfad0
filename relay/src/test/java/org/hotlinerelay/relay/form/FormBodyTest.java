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
  void parse_tooManyParameters_isMalformed() throws Exception {
    String ok = "a=1&".repeat(Limits.MAX_FORM_PARAMETERS);
    assertFalse(parse(ok).containsKey("a"));
    assertThrows(MalformedFormException.class, () -> parse(ok + "b=2"));
  }
}
