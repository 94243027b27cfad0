// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.spool.Spool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline-relay relay}: flags, each with a {@code HOTLINE_RELAY_*} environment variable and
 * its default shown in {@code --help}. Bad values → exit 1; a configuration the relay must refuse
 * (keyset, fingerprint, key, spool) → exit 2; each with one {@code Error:} line.
 */
@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a relay: the reporting form, sealing, the spool and the forwarder.",
    footer = {"Every option can also be set by the environment variable named beside it.",
        "STATE is $XDG_STATE_HOME/hotline-relay, or ~/.local/state/hotline-relay: never the current folder."})
public final class RelayCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

  private final Path stateDir;

  public RelayCommand() {
    this(StateDir.current());
  }

  /** With the folder used when {@code --signing-key} or {@code --spool} is not given. */
  RelayCommand(Path stateDir) {
    this.stateDir = stateDir;
  }

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_LISTEN:-127.0.0.1:8080}",
      description = "Reporting listener; an onion service maps to it (HOTLINE_RELAY_LISTEN, default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_ADMIN:-127.0.0.1:9080}",
      description = "Admin listener for /healthz and /metrics; keep it on loopback (HOTLINE_RELAY_ADMIN, default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(names = "--hotline-url", paramLabel = "URL", defaultValue = "${env:HOTLINE_RELAY_HOTLINE_URL:-}",
      description = "The hotline intake's base URL, http(s) or .onion; empty: spool only (HOTLINE_RELAY_HOTLINE_URL, default: none).")
  String hotlineUrl;

  @Option(names = "--socks-proxy", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_SOCKS_PROXY:-}",
      description = "SOCKS5 proxy (Tor) for forwarding; host names are resolved by the proxy (HOTLINE_RELAY_SOCKS_PROXY, default: none, direct).")
  String socksProxy;

  @Option(names = "--hotline-ca", paramLabel = "PEM", defaultValue = "${env:HOTLINE_RELAY_HOTLINE_CA:-}",
      description = "Trust only these CA certificate(s) for the hotline's HTTPS (HOTLINE_RELAY_HOTLINE_CA, default: none, the system trust store).")
  String hotlineCa;

  @Option(names = "--hotline-keyset", paramLabel = "FILE", defaultValue = "${env:HOTLINE_RELAY_HOTLINE_KEYSET:-hotline-public.json}",
      description = "The hotline's PUBLIC keyset (Tink JSON); reloaded when it changes (HOTLINE_RELAY_HOTLINE_KEYSET, default: ${DEFAULT-VALUE}).")
  Path hotlineKeyset;

  @Option(names = "--hotline-fingerprint", paramLabel = "FP[,FP…]", defaultValue = "${env:HOTLINE_RELAY_HOTLINE_FINGERPRINT:-}",
      description = "Pinned fingerprint(s) the keyset must match; required (HOTLINE_RELAY_HOTLINE_FINGERPRINT).")
  String fingerprints;

  @Option(names = "--relay-id", paramLabel = "ID", defaultValue = "${env:HOTLINE_RELAY_RELAY_ID:-relay}",
      description = "This relay's id, named in every envelope (HOTLINE_RELAY_RELAY_ID, default: ${DEFAULT-VALUE}).")
  String relayId;

  @Option(names = "--signing-key", paramLabel = "FILE", defaultValue = "${env:HOTLINE_RELAY_SIGNING_KEY:-}",
      description = "This relay's Ed25519 signing keyset; made if missing, with relay-<id>.public.json beside it for the hotline's known-relays folder (HOTLINE_RELAY_SIGNING_KEY, default: STATE/relay-signing.json).")
  String signingKey;

  @Option(names = "--portals", paramLabel = "ID[,ID…]|FILE.json", defaultValue = "${env:HOTLINE_RELAY_PORTALS:-default}",
      description = "Portal ids whose reports are taken, or the portals file (a path ending in .json) whose portals' reports are taken and answered with their own pages (HOTLINE_RELAY_PORTALS, default: ${DEFAULT-VALUE}).")
  String portals;

  @Option(names = "--spool", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_SPOOL:-}",
      description = "Spool folder: sealed envelopes only (HOTLINE_RELAY_SPOOL, default: STATE/spool).")
  String spool;

  @Option(names = "--spool-max-entries", paramLabel = "N", defaultValue = "${env:HOTLINE_RELAY_SPOOL_MAX_ENTRIES:-100000}",
      description = "Most envelopes spooled before reporters get 503 (HOTLINE_RELAY_SPOOL_MAX_ENTRIES, default: ${DEFAULT-VALUE}).")
  int spoolMaxEntries;

  @Option(names = "--spool-max-bytes", paramLabel = "BYTES", defaultValue = "${env:HOTLINE_RELAY_SPOOL_MAX_BYTES:-4294967296}",
      description = "Most bytes spooled before reporters get 503 (HOTLINE_RELAY_SPOOL_MAX_BYTES, default: ${DEFAULT-VALUE}).")
  long spoolMaxBytes;

  @Option(names = "--time-granularity", paramLabel = "hour|day", defaultValue = "${env:HOTLINE_RELAY_TIME_GRANULARITY:-hour}",
      description = "How coarse a report's time is (HOTLINE_RELAY_TIME_GRANULARITY, default: ${DEFAULT-VALUE}).")
  String granularity;

  @Option(names = "--forward-interval", paramLabel = "DURATION", defaultValue = "${env:HOTLINE_RELAY_FORWARD_INTERVAL:-1m}",
      description = "One batch goes to the hotline every DURATION (e.g. 30s, 1m, 5m), whether or not reports wait (HOTLINE_RELAY_FORWARD_INTERVAL, default: ${DEFAULT-VALUE}).")
  String forwardInterval;

  @Option(names = "--forward-buckets", paramLabel = "N[,N…]", defaultValue = "${env:HOTLINE_RELAY_FORWARD_BUCKETS:-2,16,128}",
      description = "Batch sizes, ascending; empty places are filled with cover (HOTLINE_RELAY_FORWARD_BUCKETS, default: ${DEFAULT-VALUE}).")
  String forwardBuckets;

  @Option(names = "--release-window", paramLabel = "DURATION", defaultValue = "${env:HOTLINE_RELAY_RELEASE_WINDOW:-}",
      description = "A report received in one window is released at a random time in the next (e.g. 10m, 15m, 1h) (HOTLINE_RELAY_RELEASE_WINDOW, default: the --time-granularity, 1h or 1d).")
  String releaseWindow;

  @Option(names = "--onion-location", paramLabel = "URL", defaultValue = "${env:HOTLINE_RELAY_ONION_LOCATION:-}",
      description = "Onion-Location header base, e.g. http://….onion (HOTLINE_RELAY_ONION_LOCATION, default: none).")
  String onionLocation;

  @Option(names = "--form-action-origins", paramLabel = "ORIGIN[,…]", defaultValue = "${env:HOTLINE_RELAY_FORM_ACTION_ORIGINS:-}",
      description = "Origins besides 'self' the CSP form-action allows (HOTLINE_RELAY_FORM_ACTION_ORIGINS, default: none).")
  String formActionOrigins;

  @Override
  public Integer call() throws InterruptedException {
    RelayConfig config = config();
    makeStateDir();
    RelayServer server = RelayServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "relay-shutdown"));
    stopped.await();
    return ExitCode.OK;
  }

  /** The configuration the flags describe; bad values → {@link CommandFailure#usage}. */
  RelayConfig config() {
    return RelayConfig.builder()
        .listen(hostPort("--listen", listen))
        .admin(hostPort("--admin", admin))
        .hotlineUrl(hotlineUrl.isBlank() ? null : url("--hotline-url", hotlineUrl))
        .socksProxy(socksProxy.isBlank() ? null : hostPort("--socks-proxy", socksProxy))
        .hotlineCa(hotlineCa.isBlank() ? null : Path.of(hotlineCa.strip()))
        .hotlineKeyset(hotlineKeyset)
        .pinnedFingerprints(list(fingerprints))
        .relayId(relayId)
        .signingKey(signingKey.isBlank() ? stateDir.resolve("relay-signing.json") : Path.of(signingKey.strip()))
        .allowedPortals(isPortalsFile() ? Set.of() : new LinkedHashSet<>(list(portals)))
        .portalsFile(isPortalsFile() ? Path.of(portals.strip()) : null)
        .spoolDir(spool.isBlank() ? stateDir.resolve("spool") : Path.of(spool.strip()))
        .quota(quota())
        .granularity(granularity())
        .schedule(schedule())
        .onionLocation(onionLocation())
        .formActionOrigins(origins())
        .build();
  }

  /** Makes the default folder for the signing key and spool (0700) if a default is in use. */
  private void makeStateDir() {
    if (!signingKey.isBlank() && !spool.isBlank()) {
      return;
    }
    Path dir = stateDir;
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot create the relay's state folder " + dir
          + "; name other places with --signing-key and --spool");
    }
  }

  private boolean isPortalsFile() {
    return portals.strip().endsWith(".json");
  }

  private Quota quota() {
    if (spoolMaxEntries < 1 || spoolMaxBytes < 1) {
      throw CommandFailure.usage("--spool-max-entries and --spool-max-bytes must be positive");
    }
    Quota quota = new Quota(spoolMaxEntries, spoolMaxBytes);
    long needed = Spool.indexHeap(quota);
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap) {
      throw CommandFailure.usage("--spool-max-entries " + spoolMaxEntries + " needs "
          + (needed == Long.MAX_VALUE ? "more heap than a JVM has" : (needed >> 20) + " MiB of heap")
          + " for the spool's index, and this JVM has " + (heap >> 20) + " MiB: lower --spool-max-entries,"
          + " or raise -Xmx (HOTLINE_RELAY_JAVA_OPTS; the operator's guide gives the heap per quota)");
    }
    return quota;
  }

  private CoarseTime granularity() {
    return switch (granularity.strip().toLowerCase(Locale.ROOT)) {
      case "hour" -> CoarseTime.HOUR;
      case "day" -> CoarseTime.DAY;
      default -> throw CommandFailure.usage("--time-granularity must be hour or day");
    };
  }

  private Schedule schedule() {
    Duration window = releaseWindow.isBlank()
        ? (granularity() == CoarseTime.DAY ? Duration.ofDays(1) : Duration.ofHours(1))
        : duration("--release-window", releaseWindow);
    List<Integer> buckets;
    try {
      buckets = list(forwardBuckets).stream().map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw CommandFailure.usage("--forward-buckets takes ascending whole numbers, e.g. 2,16,128");
    }
    try {
      return new Schedule(duration("--forward-interval", forwardInterval), buckets, window);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage("--forward-interval and --release-window must be positive, --forward-buckets ascending from 1 to "
          + EnvelopeBatch.MAX_ENVELOPES + " (" + e.getMessage() + ")");
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}. */
  static Duration duration(String flag, String value) {
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      throw CommandFailure.usage(flag + " takes a duration like 500ms, 30s, 10m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private String onionLocation() {
    if (onionLocation.isBlank()) {
      return "";
    }
    URI uri = url("--onion-location", onionLocation);
    if (uri.getHost() == null || !uri.getHost().endsWith(".onion") || uri.getRawQuery() != null) {
      throw CommandFailure.usage("--onion-location must be an http(s) URL of a .onion host");
    }
    return uri.toString();
  }

  private List<String> origins() {
    List<String> origins = list(formActionOrigins);
    for (String origin : origins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw CommandFailure.usage("--form-action-origins takes origins like https://relay.example.org");
      }
    }
    return origins;
  }

  private static HostPort hostPort(String flag, String value) {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(flag + " must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
  }

  private static URI url(String flag, String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Falls through to the one message below.
    }
    throw CommandFailure.usage(flag + " must be an http or https URL");
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
