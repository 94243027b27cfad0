// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Dns;

/**
 * The resolver installed when a SOCKS proxy is configured: it refuses every lookup, so a host name
 * can only ever be resolved by the proxy (Tor), never by the relay's own resolver, which would leak
 * the hotline's name to the local network. Counts refused lookups (a test asserts zero).
 */
final class NoLocalDns implements Dns {
  private final AtomicLong refused = new AtomicLong();

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    refused.incrementAndGet();
    throw new UnknownHostException("local DNS is disabled when a SOCKS proxy is set");
  }

  long refused() {
    return refused.get();
  }
}
