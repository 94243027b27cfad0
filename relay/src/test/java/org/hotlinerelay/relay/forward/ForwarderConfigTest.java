// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForwarderConfigTest {
  @Test
  void new_refusesPlainHttpToPublicHost() {
    assertThrows(IllegalArgumentException.class, () -> ForwarderConfig.of(URI.create("http://hotline.example")));
  }

  @Test
  void new_acceptsHttpsOnionAndLoopback() {
    ForwarderConfig.of(URI.create("https://hotline.example"));
    ForwarderConfig.of(URI.create("http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion"));
    ForwarderConfig.of(URI.create("http://127.0.0.1:9000"));
  }

  @Test
  void new_refusesUserInfoQueryAndMissingHost() {
    assertThrows(IllegalArgumentException.class, () -> ForwarderConfig.of(URI.create("https://u:p@hotline.example")));
    assertThrows(IllegalArgumentException.class, () -> ForwarderConfig.of(URI.create("https://hotline.example/?a=b")));
    assertThrows(IllegalArgumentException.class, () -> ForwarderConfig.of(URI.create("file:///etc/passwd")));
  }

  @Test
  void envelopesUrl_appendsPath() {
    assertEquals(URI.create("https://h.example/base/v1/envelopes"), ForwarderConfig.of(URI.create("https://h.example/base/")).envelopesUrl());
    assertEquals(URI.create("https://h.example/v1/envelopes"), ForwarderConfig.of(URI.create("https://h.example")).envelopesUrl());
  }

  @Test
  void classify_mapsStatuses() {
    assertEquals(IntakeClient.Outcome.DELIVERED, IntakeClient.classify(200));
    assertEquals(IntakeClient.Outcome.DELIVERED, IntakeClient.classify(202));
    assertEquals(IntakeClient.Outcome.REFUSED, IntakeClient.classify(400));
    assertEquals(IntakeClient.Outcome.REFUSED, IntakeClient.classify(403));
    assertEquals(IntakeClient.Outcome.RETRY, IntakeClient.classify(429));
    assertEquals(IntakeClient.Outcome.RETRY, IntakeClient.classify(503));
    assertEquals(IntakeClient.Outcome.RETRY, IntakeClient.classify(500));
    assertEquals(IntakeClient.Outcome.RETRY, IntakeClient.classify(301));
  }
}
