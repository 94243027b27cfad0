// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlKeyTest {
  @CsvSource(delimiter = '|', textBlock = """
      https://example.com/a                              | https://example.com/a                  | example.com
      HTTPS://EXAMPLE.COM/Path                           | https://example.com/Path               | example.com
      https://example.com                                | https://example.com/                   | example.com
      https://example.com:443/a                          | https://example.com/a                  | example.com
      http://example.com:80/a                            | http://example.com/a                   | example.com
      https://example.com:80/a                           | https://example.com:80/a               | example.com
      http://example.com:8080/a                          | http://example.com:8080/a              | example.com
      https://example.com/a#top                          | https://example.com/a                  | example.com
      https://example.com/a?utm_source=x&id=3&fbclid=y   | https://example.com/a?id=3             | example.com
      https://example.com/a?gclid=1&UTM_Medium=2         | https://example.com/a                  | example.com
      https://example.com/a?b=2&a=1                      | https://example.com/a?b=2&a=1          | example.com
      https://bücher.example/x                           | https://xn--bcher-kva.example/x        | xn--bcher-kva.example
      https://BÜCHER.example/x                           | https://xn--bcher-kva.example/x        | xn--bcher-kva.example
      https://example.com./a                             | https://example.com/a                  | example.com
      http://abcdefghijklmnop.onion/x                    | http://abcdefghijklmnop.onion/x        | abcdefghijklmnop.onion
      https://user@Example.com/a                         | https://user@example.com/a             | example.com
      https://example.com/a%2Fb                          | https://example.com/a%2Fb              | example.com
      example.com/page?utm_source=x                      | http://example.com/page                | example.com
      WWW.Example.com                                    | http://www.example.com/                | www.example.com
      example.com:80/a                                   | http://example.com/a                   | example.com
      """)
  @ParameterizedTest(name = "{0}")
  void of_normalisesForMatching(String typed, String url, String host) {
    UrlKey key = UrlKey.of(typed);
    assertEquals(url, key.url());
    assertEquals(host, key.host());
  }
}
