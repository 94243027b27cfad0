// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.forward.Schedule;

/**
 * Everything a relay needs to start, checked by {@link RelayServer#start}. Built by
 * {@link RelayCommand} from flags and {@code HOTLINE_RELAY_*} variables, or by tests and the demo
 * through {@link #builder()}.
 *
 * @param listen the reporting listener (an onion service maps to it)
 * @param admin the admin listener ({@code /healthz}, {@code /metrics}); keep it on loopback
 * @param hotlineUrl the hotline intake's base URL, or {@code null} to spool without forwarding
 * @param socksProxy a SOCKS5 proxy (Tor) for forwarding, or {@code null} for a direct connection
 * @param hotlineCa a PEM file of the CA(s) to trust for the hotline's HTTPS instead of the system
 *     trust store, or {@code null}
 * @param hotlineKeyset the hotline's public keyset file (Tink JSON); reloaded when it changes
 * @param pinnedFingerprints fingerprints the hotline keyset must match (one of them); at least one
 * @param relayId this relay's id, named in every envelope
 * @param signingKey this relay's Ed25519 signing keyset file (created, with its public half, if
 *     missing)
 * @param allowedPortals portal ids whose reports are taken (besides those of {@code portalsFile})
 * @param portalsFile the portals file ({@code site build}'s): its portals' reports are taken and
 *     answered with their own pages (name, accent colour, languages, links); or {@code null}
 * @param spoolDir the spool folder (sealed envelopes only)
 * @param quota most envelopes and bytes the spool holds before answering 503
 * @param granularity how coarse a report's time is
 * @param schedule when envelopes are forwarded: interval, batch sizes, release window
 * @param onionLocation an {@code Onion-Location} header value, or empty
 * @param formActionOrigins extra origins allowed in the CSP {@code form-action}
 * @param timeouts connection and polling limits
 * @param clock the clock (tests fix it)
 */
public record RelayConfig(
    HostPort listen,
    HostPort admin,
    URI hotlineUrl,
    HostPort socksProxy,
    Path hotlineCa,
    Path hotlineKeyset,
    List<String> pinnedFingerprints,
    String relayId,
    Path signingKey,
    Set<String> allowedPortals,
    Path portalsFile,
    Path spoolDir,
    Quota quota,
    CoarseTime granularity,
    Schedule schedule,
    String onionLocation,
    List<String> formActionOrigins,
    Timeouts timeouts,
    Clock clock) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
  public static final String DEFAULT_ADMIN = "127.0.0.1:9080";
  public static final int DEFAULT_QUOTA_ENTRIES = 100_000;
  public static final long DEFAULT_QUOTA_BYTES = 4L * 1024 * 1024 * 1024;

  public RelayConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(hotlineKeyset, "hotlineKeyset");
    pinnedFingerprints = List.copyOf(pinnedFingerprints);
    Objects.requireNonNull(relayId, "relayId");
    Objects.requireNonNull(signingKey, "signingKey");
    allowedPortals = Set.copyOf(allowedPortals);
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(schedule, "schedule");
    onionLocation = onionLocation == null ? "" : onionLocation;
    formActionOrigins = List.copyOf(formActionOrigins);
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Connection limits, so that slow or idle clients cannot hold the server.
   *
   * @param requestParse most time to receive a request's line and headers
   * @param noRequest most time a new connection may wait before sending a request
   * @param idle most time a connection may stay silent
   * @param body most time to receive a form body, from its first byte to its last
   * @param keysetPoll how often the hotline keyset file is checked for a change
   */
  public record Timeouts(Duration requestParse, Duration noRequest, Duration idle, Duration body,
      Duration keysetPoll) {
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
          Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as documented in {@code --help}; the keyset, fingerprints, key and spool are required. */
  public static final class Builder {
    private HostPort listen = HostPort.parse(DEFAULT_LISTEN);
    private HostPort admin = HostPort.parse(DEFAULT_ADMIN);
    private URI hotlineUrl;
    private HostPort socksProxy;
    private Path hotlineCa;
    private Path hotlineKeyset;
    private List<String> pinnedFingerprints = List.of();
    private String relayId = "relay";
    private Path signingKey;
    private Set<String> allowedPortals = Set.of("default");
    private Path portalsFile;
    private Path spoolDir;
    private Quota quota = new Quota(DEFAULT_QUOTA_ENTRIES, DEFAULT_QUOTA_BYTES);
    private CoarseTime granularity = CoarseTime.HOUR;
    private Schedule schedule = Schedule.defaults();
    private String onionLocation = "";
    private List<String> formActionOrigins = List.of();
    private Timeouts timeouts = Timeouts.defaults();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder listen(HostPort v) { listen = v; return this; }
    public Builder admin(HostPort v) { admin = v; return this; }
    public Builder hotlineUrl(URI v) { hotlineUrl = v; return this; }
    public Builder socksProxy(HostPort v) { socksProxy = v; return this; }
    public Builder hotlineCa(Path v) { hotlineCa = v; return this; }
    public Builder hotlineKeyset(Path v) { hotlineKeyset = v; return this; }
    public Builder pinnedFingerprints(List<String> v) { pinnedFingerprints = v; return this; }
    public Builder relayId(String v) { relayId = v; return this; }
    public Builder signingKey(Path v) { signingKey = v; return this; }
    public Builder allowedPortals(Set<String> v) { allowedPortals = v; return this; }
    public Builder portalsFile(Path v) { portalsFile = v; return this; }
    public Builder spoolDir(Path v) { spoolDir = v; return this; }
    public Builder quota(Quota v) { quota = v; return this; }
    public Builder granularity(CoarseTime v) { granularity = v; return this; }
    public Builder schedule(Schedule v) { schedule = v; return this; }
    public Builder onionLocation(String v) { onionLocation = v; return this; }
    public Builder formActionOrigins(List<String> v) { formActionOrigins = v; return this; }
    public Builder timeouts(Timeouts v) { timeouts = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }

    public RelayConfig build() {
      return new RelayConfig(listen, admin, hotlineUrl, socksProxy, hotlineCa, hotlineKeyset, pinnedFingerprints,
          relayId, signingKey, allowedPortals, portalsFile, spoolDir, quota, granularity, schedule, onionLocation,
          formActionOrigins, timeouts, clock);
    }
  }
}
