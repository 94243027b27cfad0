// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.site.Form;

/**
 * Parses an {@code application/x-www-form-urlencoded} body, strictly: {@code +} is a space,
 * {@code %XX} must be two hex digits, the decoded bytes must be valid UTF-8, and there may be at
 * most {@link Limits#MAX_FORM_PARAMETERS} parameters. Anything else is a
 * {@link MalformedFormException} (a 400 page), never a crash. Only {@link Form#ALLOWED} fields are
 * decoded and kept; other names are skipped unread. Decoded byte buffers are zeroed (best effort).
 */
public final class FormBody {
  private static final Set<String> ALLOWED = Set.copyOf(Form.ALLOWED);

  private FormBody() {}

  /** Allowed field name → values in order of appearance. */
  public static Map<String, List<String>> parse(byte[] body) throws MalformedFormException {
    Map<String, List<String>> fields = new HashMap<>();
    int count = 0;
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '&', start);
      if (end > start) {
        if (++count > Limits.MAX_FORM_PARAMETERS) {
          throw new MalformedFormException("too many parameters");
        }
        int eq = indexOf(body, (byte) '=', start);
        int nameEnd = eq < end ? eq : end;
        String name = decode(body, start, nameEnd);
        String value = eq < end ? decode(body, eq + 1, end) : "";
        if (ALLOWED.contains(name)) {
          fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
      start = end + 1;
    }
    return fields;
  }

  private static int indexOf(byte[] body, byte b, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == b) {
        return i;
      }
    }
    return body.length;
  }

  private static String decode(byte[] body, int from, int to) throws MalformedFormException {
    byte[] bytes = new byte[to - from];
    int n = 0;
    try {
      for (int i = from; i < to; i++) {
        byte b = body[i];
        if (b == '+') {
          bytes[n++] = ' ';
        } else if (b == '%') {
          if (i + 2 >= to) {
            throw new MalformedFormException("bad percent-encoding");
          }
          int hi = Character.digit(body[i + 1], 16);
          int lo = Character.digit(body[i + 2], 16);
          if (hi < 0 || lo < 0) {
            throw new MalformedFormException("bad percent-encoding");
          }
          bytes[n++] = (byte) (hi << 4 | lo);
          i += 2;
        } else {
          bytes[n++] = b;
        }
      }
      return utf8(bytes, n);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The value as UTF-8, refusing what is not. ASCII (every byte below 0x80, most fields) is its own
   * UTF-8 and needs no decoder: a decoder, a char buffer and its clearing per field were a tenth
   * of what a loaded relay allocated. Both ways give the same
   * ({@code FormBodyTest#parse_asciiShortcut_decodesExactlyAsTheDecoder}).
   */
  private static String utf8(byte[] bytes, int length) throws MalformedFormException {
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        return decodeUtf8(bytes, length);
      }
    }
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  private static String decodeUtf8(byte[] bytes, int length) throws MalformedFormException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
      String s = chars.toString();
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new MalformedFormException("invalid UTF-8");
    }
  }
}
