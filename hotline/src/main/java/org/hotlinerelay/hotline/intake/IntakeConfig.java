// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.hotlinerelay.protocol.store.Quota;

/**
 * Everything an intake server needs, validated when built. Plain HTTP is allowed only on a
 * loopback address (behind a Tor onion service or a local TLS terminator); any other address
 * needs a TLS keystore. The admin listener is always on 127.0.0.1.
 *
 * @param host address to listen on (default 127.0.0.1)
 * @param port port for {@code POST /v1/envelopes}; 0 picks a free one
 * @param adminPort loopback port for {@code /healthz} and {@code /metrics}; 0 picks a free one
 * @param inbox the folder where sealed envelopes are stored
 * @param knownRelays the folder of {@code relay-<id>.public.json} files
 * @param quota most envelopes and bytes the inbox holds before answering 503
 * @param retryAfterSeconds what a 503 tells the relay to wait
 * @param tls PKCS12 keystore and its password, or {@code null} for plain HTTP on loopback
 */
public record IntakeConfig(String host, int port, int adminPort, Path inbox, Path knownRelays,
    Quota quota, int retryAfterSeconds, Tls tls) {

  /** Default quota: one million envelopes or 32 GiB. */
  public static final Quota DEFAULT_QUOTA = new Quota(1_000_000, 32L << 30);

  public IntakeConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(knownRelays, "knownRelays");
    Objects.requireNonNull(quota, "quota");
    if (port < 0 || port > 65535 || adminPort < 0 || adminPort > 65535) {
      throw new IllegalArgumentException("ports must be 0-65535");
    }
    if (retryAfterSeconds < 1 || retryAfterSeconds > 86_400) {
      throw new IllegalArgumentException("retry-after must be 1-86400 seconds");
    }
    if (tls == null && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "plain HTTP only on a loopback address; give a TLS keystore to listen on another address");
    }
  }

  /** Plain HTTP on 127.0.0.1, free ports, default quota: for tests and the demo. */
  public static IntakeConfig loopback(Path inbox, Path knownRelays) {
    return new IntakeConfig("127.0.0.1", 0, 0, inbox, knownRelays, DEFAULT_QUOTA, 30, null);
  }

  public IntakeConfig withPorts(int newPort, int newAdminPort) {
    return new IntakeConfig(host, newPort, newAdminPort, inbox, knownRelays, quota, retryAfterSeconds, tls);
  }

  public IntakeConfig withQuota(Quota newQuota) {
    return new IntakeConfig(host, port, adminPort, inbox, knownRelays, newQuota, retryAfterSeconds, tls);
  }

  public IntakeConfig withTls(Tls newTls) {
    return new IntakeConfig(host, port, adminPort, inbox, knownRelays, quota, retryAfterSeconds, newTls);
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A PKCS12 keystore holding the intake's certificate and key. */
  public record Tls(Path keystore, char[] password) {
    public Tls {
      Objects.requireNonNull(keystore, "keystore");
      password = password.clone();
    }

    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tls t && t.keystore.equals(keystore) && Arrays.equals(t.password, password);
    }

    @Override
    public int hashCode() {
      return keystore.hashCode();
    }

    @Override
    public String toString() {
      return "Tls[" + keystore + ", password redacted]";
    }
  }
}
