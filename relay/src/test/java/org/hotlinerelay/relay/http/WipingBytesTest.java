// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form body's bytes leave no copy behind in the arrays that held them. */
class WipingBytesTest {
  /** Sees the arrays {@link BodyReader.WipingBytes} holds, through the field it inherits. */
  private static final class Watched extends BodyReader.WipingBytes {
    final List<byte[]> held = new ArrayList<>();

    void note() {
      if (held.isEmpty() || held.get(held.size() - 1) != buf) {
        held.add(buf);
      }
    }
  }

  private static final byte[] CHUNK = "details=I+saw+it+on+a+forum&".getBytes(StandardCharsets.US_ASCII);

  @Test
  void everyArrayItOutgrows_andTheLastOnceTaken_holdsOnlyZeros() {
    Watched kept = new Watched();
    kept.note();
    byte[] expected = new byte[0];
    for (int i = 0; i < 200; i++) {
      kept.write(CHUNK, 0, CHUNK.length);
      kept.note();
      expected = concat(expected, CHUNK);
    }
    assertTrue(kept.held.size() > 3, "the array grew several times");

    byte[] body = kept.take();

    assertArrayEquals(expected, body, "the caller gets every byte");
    for (byte[] array : kept.held) {
      assertNotSame(body, array);
      assertEquals(0, nonZero(array), "an array that held the body still holds some of it");
    }
    assertEquals(0, kept.size());
  }

  @Test
  void wipe_zeroesWhatWasKept() {
    Watched kept = new Watched();
    kept.write(CHUNK, 0, CHUNK.length);
    kept.note();

    kept.wipe();

    assertEquals(0, nonZero(kept.held.get(0)));
    assertEquals(0, kept.size());
  }

  private static long nonZero(byte[] array) {
    long n = 0;
    for (byte b : array) {
      n += b != 0 ? 1 : 0;
    }
    return n;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
