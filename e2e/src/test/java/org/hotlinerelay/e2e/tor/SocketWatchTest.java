// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The watch behind {@code ReportOverTorTest#everySocketOfTheRun_staysOnLoopback}: it reads the
 * kernel's socket tables right, sees a watched process's sockets with their owner, and flags a
 * socket that is not on 127.0.0.0/8, so that the Tor tier's assertion can fail.
 */
class SocketWatchTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void endpoint_readsTheKernelsHexForm_ipv4_ipv6_andIpv4MappedAsIpv4() throws Exception {
    assertEquals(new SocketWatch.Endpoint(InetAddress.getByName("127.0.0.1"), 8080), SocketWatch.endpoint("0100007F:1F90"));
    assertEquals(new SocketWatch.Endpoint(InetAddress.getByName("10.1.2.3"), 443), SocketWatch.endpoint("0302010A:01BB"));
    assertEquals(new SocketWatch.Endpoint(InetAddress.getByName("::1"), 80),
        SocketWatch.endpoint("00000000000000000000000001000000:0050"));
    SocketWatch.Endpoint mapped = SocketWatch.endpoint("0000000000000000FFFF00000100007F:1F90");
    assertEquals(new SocketWatch.Endpoint(InetAddress.getByName("127.0.0.1"), 8080), mapped);
    assertTrue(mapped.loopbackV4());
  }

  @Test
  void onLoopback_onlyLoopbackToLoopback_orListeningOnLoopback() throws Exception {
    SocketWatch.Endpoint loopback = SocketWatch.endpoint("0100007F:1F90");
    SocketWatch.Endpoint otherLoopback = SocketWatch.endpoint("0200007F:0050");
    SocketWatch.Endpoint nobody = SocketWatch.endpoint("00000000:0000");
    SocketWatch.Endpoint outside = SocketWatch.endpoint("0302010A:01BB");
    SocketWatch.Endpoint ipv6Loopback = SocketWatch.endpoint("00000000000000000000000001000000:0050");
    String established = "01";
    String listen = "0A";
    String unconnectedUdp = "07";

    assertTrue(new SocketWatch.Seen(1, "tcp", loopback, otherLoopback, established).onLoopback());
    assertTrue(new SocketWatch.Seen(1, "tcp", loopback, nobody, listen).onLoopback());
    assertTrue(new SocketWatch.Seen(1, "udp", loopback, nobody, unconnectedUdp).onLoopback());
    assertFalse(new SocketWatch.Seen(1, "tcp", loopback, outside, established).onLoopback());
    assertFalse(new SocketWatch.Seen(1, "tcp", outside, loopback, established).onLoopback());
    assertFalse(new SocketWatch.Seen(1, "tcp", nobody, nobody, listen).onLoopback(), "a wildcard listener");
    assertFalse(new SocketWatch.Seen(1, "udp", nobody, nobody, unconnectedUdp).onLoopback(), "a wildcard UDP socket");
    assertFalse(new SocketWatch.Seen(1, "tcp6", ipv6Loopback, ipv6Loopback, established).onLoopback(), "::1 is not 127.0.0.0/8");
    assertFalse(new SocketWatch.Seen(1, "tcp", loopback, nobody, established).onLoopback(), "a peer of 0.0.0.0 that is not listening");
  }

  @Test
  void watchedProcess_itsLoopbackConnectionAndListenerAreSeen_withTheirPeer() throws Exception {
    try (SocketWatch watch = SocketWatch.start(Duration.ofMillis(10));
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
        Socket accepted = server.accept()) {
      watch.watch(SELF);
      List<SocketWatch.Seen> seen = watch.seen();

      assertTrue(seen.stream().anyMatch(s -> s.pid() == SELF && s.listening() && s.local().port() == server.getLocalPort()
          && s.onLoopback()), "the listener: " + seen);
      SocketWatch.Seen outgoing = seen.stream().filter(s -> s.pid() == SELF && !s.listening()
          && s.local().port() == client.getLocalPort() && s.remote().port() == server.getLocalPort()).findFirst()
          .orElseThrow(() -> new AssertionError("the client's connection: " + seen));
      assertTrue(outgoing.onLoopback(), outgoing.toString());
      Optional<SocketWatch.Seen> peer = watch.peer(outgoing);
      assertTrue(peer.isPresent(), "the accepted end: " + seen);
      assertEquals(accepted.getLocalPort(), peer.get().local().port());
      assertEquals(SocketWatch.listenerOf(server.getLocalPort()), Optional.of(SELF));
    }
  }

  /** A socket bound to every address (it accepts nothing and is closed at once) is seen and flagged. */
  @Test
  void watchedProcess_aWildcardBind_isSeenOffLoopback() throws Exception {
    try (SocketWatch watch = SocketWatch.start(Duration.ofMillis(10));
        ServerSocket wildcard = new ServerSocket()) {
      wildcard.bind(new InetSocketAddress(0), 1);
      watch.watch(SELF);
      List<SocketWatch.Seen> off = watch.seen().stream()
          .filter(s -> s.pid() == SELF && s.local().port() == wildcard.getLocalPort()).toList();
      assertEquals(1, off.size(), off.toString());
      assertFalse(off.get(0).onLoopback(), off.toString());
    }
  }
}
