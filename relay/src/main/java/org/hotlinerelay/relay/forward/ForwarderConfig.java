// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * Where and how the forwarder sends envelopes.
 *
 * @param intakeUrl the hotline intake's base URL ({@code https://…}, or {@code http://…} only for
 *     a {@code .onion} host, whose transport Tor encrypts, or a loopback host for tests); the
 *     forwarder posts its batches to {@code <intakeUrl>}{@link EnvelopeBatch#PATH}
 * @param socksProxy a SOCKS5 proxy (Tor); when present the intake host name is resolved by the
 *     proxy and never locally
 * @param pinnedCa a PEM file of CA certificate(s); when present only these are trusted (instead of
 *     the system trust store)
 * @param timeout per-request time limit (connect, write, read)
 */
public record ForwarderConfig(
    URI intakeUrl,
    Optional<InetSocketAddress> socksProxy,
    Optional<Path> pinnedCa,
    Duration timeout) {

  public ForwarderConfig {
    Objects.requireNonNull(intakeUrl, "intakeUrl");
    Objects.requireNonNull(socksProxy, "socksProxy");
    Objects.requireNonNull(pinnedCa, "pinnedCa");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = intakeUrl.getScheme() == null ? "" : intakeUrl.getScheme().toLowerCase(Locale.ROOT);
    String host = intakeUrl.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("hotline URL needs a host");
    }
    if (intakeUrl.getRawUserInfo() != null || intakeUrl.getRawQuery() != null || intakeUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("hotline URL must not have user info, query or fragment");
    }
    boolean https = scheme.equals("https");
    boolean plainAllowed = scheme.equals("http") && (isOnion(host) || isLoopback(host));
    if (!https && !plainAllowed) {
      throw new IllegalArgumentException("hotline URL must be https (http only for .onion or loopback hosts)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** Defaults: no proxy, system trust, 30 s timeout. */
  public static ForwarderConfig of(URI intakeUrl) {
    return new ForwarderConfig(intakeUrl, Optional.empty(), Optional.empty(), Duration.ofSeconds(30));
  }

  public ForwarderConfig withSocksProxy(InetSocketAddress proxy) {
    return new ForwarderConfig(intakeUrl, Optional.of(proxy), pinnedCa, timeout);
  }

  public ForwarderConfig withPinnedCa(Path caFile) {
    return new ForwarderConfig(intakeUrl, socksProxy, Optional.of(caFile), timeout);
  }

  public ForwarderConfig withTimeout(Duration newTimeout) {
    return new ForwarderConfig(intakeUrl, socksProxy, pinnedCa, newTimeout);
  }

  /** The full URL batches of envelopes are posted to ({@link EnvelopeBatch}), with or without the base's trailing slash. */
  public URI envelopesUrl() {
    String base = intakeUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + EnvelopeBatch.PATH);
  }

  static boolean isOnion(String host) {
    return host.toLowerCase(Locale.ROOT).endsWith(".onion");
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
  }
}
