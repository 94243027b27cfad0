// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.store.Quota;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code intake}: the picocli glue around {@link IntakeServer}. */
@Command(name = "intake", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the hotline's intake server: it receives sealed envelopes from the known relays "
            + "(POST /v1/envelopes), checks each relay's signature and stores the envelopes, still "
            + "sealed, in the inbox folder. It never decrypts and needs no private key.",
        "Plain HTTP only on a loopback address (e.g. behind a Tor onion service); give a PKCS12 "
            + "keystore to listen with TLS on any other address. Health and metrics: "
            + "http://<admin>/healthz and /metrics."},
    footer = "Every option can also be set by the environment variable named beside it.")
public final class IntakeCommand implements Callable<Integer> {
  private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)\\]|([A-Za-z0-9.-]+)):(\\d{1,5})");

  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_INTAKE_LISTEN:-127.0.0.1:8081}",
      description = "Address for POST /v1/envelopes; any non-loopback host needs TLS (HOTLINE_RELAY_INTAKE_LISTEN, default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "${env:HOTLINE_RELAY_INTAKE_ADMIN:-127.0.0.1:9091}",
      description = "Address for /healthz and /metrics; on 127.0.0.1 only (HOTLINE_RELAY_INTAKE_ADMIN, default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INTAKE_INBOX:-hotline-inbox}",
      description = "Folder where sealed envelopes are stored, made 0700 if new (HOTLINE_RELAY_INTAKE_INBOX, default: ${DEFAULT-VALUE}).")
  Path inbox;

  @Option(names = "--known-relays", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INTAKE_KNOWN_RELAYS:-known-relays}",
      description = "Folder of relay-<id>.public.json files: the relays accepted (HOTLINE_RELAY_INTAKE_KNOWN_RELAYS, default: ${DEFAULT-VALUE}).")
  Path knownRelays;

  @Option(names = "--max-envelopes", paramLabel = "N", defaultValue = "${env:HOTLINE_RELAY_INTAKE_MAX_ENVELOPES:-1000000}",
      description = "Most envelopes the inbox holds before answering 503 (HOTLINE_RELAY_INTAKE_MAX_ENVELOPES, default: ${DEFAULT-VALUE}).")
  int maxEnvelopes;

  @Option(names = "--max-bytes", paramLabel = "BYTES", defaultValue = "${env:HOTLINE_RELAY_INTAKE_MAX_BYTES:-34359738368}",
      description = "Most bytes the inbox holds before answering 503 (HOTLINE_RELAY_INTAKE_MAX_BYTES, default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "${env:HOTLINE_RELAY_INTAKE_RETRY_AFTER:-30}",
      description = "Retry-After sent with a 503 (HOTLINE_RELAY_INTAKE_RETRY_AFTER, default: ${DEFAULT-VALUE}).")
  int retryAfter;

  @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:HOTLINE_RELAY_INTAKE_TLS_KEYSTORE}",
      description = "PKCS12 keystore with the intake's certificate and key; without it, plain HTTP on loopback (HOTLINE_RELAY_INTAKE_TLS_KEYSTORE, default: none).")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
      defaultValue = "${env:HOTLINE_RELAY_INTAKE_TLS_KEYSTORE_PASSWORD_FILE}",
      description = "File holding the keystore password on its first line (HOTLINE_RELAY_INTAKE_TLS_KEYSTORE_PASSWORD_FILE, default: none).")
  Path tlsPasswordFile;

  @Override
  public Integer call() {
    IntakeConfig config = config();
    IntakeServer server;
    try {
      server = IntakeServer.start(config);
    } catch (IntakeStartException e) {
      throw CommandFailure.runtime(switch (e.busyListener()) {
        case ENVELOPES -> e.getMessage() + "; choose another with --listen";
        case ADMIN -> e.getMessage() + "; choose another with --admin";
        case NONE -> e.getMessage();
      });
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot open the inbox folder " + inbox);
    }
    String scheme = config.tls() == null ? "http" : "https";
    spec.commandLine().getOut().printf("Intake listening on %s://%s:%d/v1/envelopes (health and metrics on http://127.0.0.1:%d)%n",
        scheme, config.host(), server.port(), server.adminPort());
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "intake-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  private IntakeConfig config() {
    if (maxEnvelopes < 1 || maxBytes < 1) {
      throw CommandFailure.usage("--max-envelopes and --max-bytes must be positive");
    }
    if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
      throw CommandFailure.usage("--tls-keystore and --tls-keystore-password-file go together");
    }
    String[] envelopes = hostPort("--listen", listen);
    String[] health = hostPort("--admin", admin);
    if (!health[0].equals("127.0.0.1")) {
      throw CommandFailure.usage("--admin must be on 127.0.0.1: health and metrics stay on loopback");
    }
    try {
      return new IntakeConfig(envelopes[0], Integer.parseInt(envelopes[1]), Integer.parseInt(health[1]), inbox,
          knownRelays, new Quota(maxEnvelopes, maxBytes),
          retryAfter, tlsKeystore == null ? null : new IntakeConfig.Tls(tlsKeystore, readPassword()));
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(e.getMessage());
    }
  }

  /** {@code HOST:PORT} (an IPv6 host in brackets) as host and port; a bad value is a usage error. */
  private static String[] hostPort(String flag, String value) {
    Matcher m = HOST_PORT.matcher(value.strip());
    if (!m.matches() || Integer.parseInt(m.group(3)) > 65535) {
      throw CommandFailure.usage(flag + " must be HOST:PORT with a port 0-65535, e.g. 127.0.0.1:8081");
    }
    return new String[] {m.group(1) != null ? m.group(1) : m.group(2), m.group(3)};
  }

  private char[] readPassword() {
    try {
      String text = Files.readString(tlsPasswordFile, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("").toCharArray();
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read the keystore password file " + tlsPasswordFile);
    }
  }
}
