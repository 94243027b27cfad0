package org.hotlinerelay.hotline.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.store.Quota;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code intake}: the picocli glue around {@link IntakeServer}. */
@Command(name = "intake", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {
        "Run the hotline's intake server: it receives sealed envelopes from the known relays "
            + "(POST /v1/envelopes), checks each relay's signature and stores the envelopes, still "
            + "sealed, in the inbox folder. It never decrypts and needs no private key.",
        "Plain HTTP only on a loopback address (e.g. behind a Tor onion service); give a PKCS12 "
            + "keystore to listen with TLS on any other address. Health and metrics: "
            + "http://127.0.0.1:<admin-port>/healthz and /metrics.",
        "Every option can also be set with the environment variable named in its description."})
public final class IntakeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:HOTLINE_RELAY_INTAKE_HOST:-127.0.0.1}",
      description = "Address to listen on (HOTLINE_RELAY_INTAKE_HOST).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:HOTLINE_RELAY_INTAKE_PORT:-8081}",
      description = "Port for POST /v1/envelopes (HOTLINE_RELAY_INTAKE_PORT).")
  int port;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "${env:HOTLINE_RELAY_INTAKE_ADMIN_PORT:-9091}",
      description = "Port on 127.0.0.1 for /healthz and /metrics (HOTLINE_RELAY_INTAKE_ADMIN_PORT).")
  int adminPort;

  @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INTAKE_INBOX:-hotline-inbox}",
      description = "Folder where sealed envelopes are stored, made 0700 if new (HOTLINE_RELAY_INTAKE_INBOX).")
  Path inbox;

  @Option(names = "--known-relays", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INTAKE_KNOWN_RELAYS:-known-relays}",
      description = "Folder of relay-<id>.public.json files: the relays accepted (HOTLINE_RELAY_INTAKE_KNOWN_RELAYS).")
  Path knownRelays;

  @Option(names = "--max-envelopes", paramLabel = "N", defaultValue = "${env:HOTLINE_RELAY_INTAKE_MAX_ENVELOPES:-1000000}",
      description = "Most envelopes the inbox holds before answering 503 (HOTLINE_RELAY_INTAKE_MAX_ENVELOPES).")
  int maxEnvelopes;

  @Option(names = "--max-bytes", paramLabel = "BYTES", defaultValue = "${env:HOTLINE_RELAY_INTAKE_MAX_BYTES:-34359738368}",
      description = "Most bytes the inbox holds before answering 503 (HOTLINE_RELAY_INTAKE_MAX_BYTES).")
  long maxBytes;

  @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "${env:HOTLINE_RELAY_INTAKE_RETRY_AFTER:-30}",
      description = "Retry-After sent with a 503 (HOTLINE_RELAY_INTAKE_RETRY_AFTER).")
  int retryAfter;

  @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:HOTLINE_RELAY_INTAKE_TLS_KEYSTORE}",
      description = "PKCS12 keystore with the intake's certificate and key; without it, plain HTTP on loopback (HOTLINE_RELAY_INTAKE_TLS_KEYSTORE). Default: none.")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
      defaultValue = "${env:HOTLINE_RELAY_INTAKE_TLS_KEYSTORE_PASSWORD_FILE}",
      description = "File holding the keystore password on its first line (HOTLINE_RELAY_INTAKE_TLS_KEYSTORE_PASSWORD_FILE). Default: none.")
  Path tlsPasswordFile;

  @Override
  public Integer call() {
    IntakeConfig config = config();
    IntakeServer server;
    try {
      server = IntakeServer.start(config);
    } catch (IntakeStartException e) {
      throw CommandFailure.runtime(e.getMessage());
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot open the inbox folder " + inbox);
    }
    String scheme = config.tls() == null ? "http" : "https";
    spec.commandLine().getOut().printf("Intake listening on %s://%s:%d/v1/envelopes (health and metrics on http://127.0.0.1:%d)%n",
        scheme, host, server.port(), server.adminPort());
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
    try {
      return new IntakeConfig(host, port, adminPort, inbox, knownRelays, new Quota(maxEnvelopes, maxBytes),
          retryAfter, tlsKeystore == null ? null : new IntakeConfig.Tls(tlsKeystore, readPassword()));
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(e.getMessage());
    }
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
