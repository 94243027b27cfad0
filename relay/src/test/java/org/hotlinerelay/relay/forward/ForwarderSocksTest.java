// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Set;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.Spool;
import org.hotlinerelay.relay.testing.TestIntake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding through a SOCKS5 proxy (Tor): the proxy is asked for the host NAME (address type
 * DOMAINNAME), never an address, and the relay never resolves the name itself.
 */
class ForwarderSocksTest {
  static final String ONION = "hotlineintakeabcdefghijklmnopqrstuvwxyz234567abcdefghijklmn.onion";

  @TempDir Path dir;

  @Test
  void socks_proxyResolvesOnionNameAndNoLocalLookupHappens() throws Exception {
    assertThrows(UnknownHostException.class, () -> InetAddress.getByName(ONION), "name must not resolve locally");
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Socks5TestServer socks = new Socks5TestServer(intake.port());
        Spool spool = new Spool(dir, new Quota(100, 1 << 24))) {
      ForwarderConfig config = ForwarderTest.config(URI.create("http://" + ONION + ":8443"))
          .withSocksProxy(socks.address());
      Envelope e = ForwarderTest.envelope();
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(e, java.time.Instant.EPOCH));
      try (Forwarder forwarder = new Forwarder(spool, config, ForwarderTest.FAST, ForwarderTest.cover(dir)).start()) {
        ForwarderTest.await(() -> forwarder.forwarded() == 1);
        assertEquals(Set.of(e.id()), ForwarderTest.received(intake));
        assertFalse(socks.requests().isEmpty());
        for (Socks5TestServer.Request request : socks.requests()) {
          assertEquals(Socks5TestServer.ATYP_DOMAINNAME, request.addressType(), "proxy must get a name, not an address");
          assertEquals(ONION, request.host());
          assertEquals(8443, request.port());
        }
        assertEquals(0, forwarder.refusedLocalLookups(), "no local DNS lookup was even attempted");
      }
    }
  }

  @Test
  void socks_unresolvableHostnameAlsoGoesToProxyAsName() throws Exception {
    try (TestIntake intake = TestIntake.start(TestIntake.STORE_ALL); Socks5TestServer socks = new Socks5TestServer(intake.port());
        Spool spool = new Spool(dir, new Quota(100, 1 << 24))) {
      // https with a name that cannot resolve: the CONNECT must still carry the name. TLS then
      // fails against the plain fake intake, so the envelope must stay spooled (retry), not be lost.
      ForwarderConfig config = ForwarderTest.config(URI.create("https://intake.invalid")).withTimeout(java.time.Duration.ofSeconds(2))
          .withSocksProxy(socks.address());
      Envelope e = ForwarderTest.envelope();
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(e, java.time.Instant.EPOCH));
      try (Forwarder forwarder = new Forwarder(spool, config, ForwarderTest.FAST, ForwarderTest.cover(dir)).start()) {
        ForwarderTest.await(() -> forwarder.failures() >= 1 && !socks.requests().isEmpty());
        assertTrue(socks.requests().stream().allMatch(r -> r.addressType() == Socks5TestServer.ATYP_DOMAINNAME
            && r.host().equals("intake.invalid") && r.port() == 443));
        assertFalse(socks.requests().isEmpty());
        assertEquals(0, forwarder.refusedLocalLookups());
        assertEquals(1, spool.depth(), "a failed delivery keeps the envelope");
        assertEquals(0, forwarder.forwarded());
      }
    }
  }
}
