// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.store.DurableStore;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The hotline's intake server: receives sealed envelopes from the known relays, verifies their
 * signatures and stores them, still sealed, in the inbox folder. It holds no private key and never
 * decrypts. No access log; log lines are fixed event codes ({@link IntakeLog}); every Undertow
 * limit is set explicitly. Health and metrics listen on 127.0.0.1 only.
 *
 * <p>Tests: {@code org.hotlinerelay.hotline.intake.IntakeServerTest}.
 */
public final class IntakeServer implements AutoCloseable {
  private static final String ADMIN_HOST = "127.0.0.1";

  private final Undertow server;
  private final Undertow admin;
  private final EnvelopeStore store;
  private final IntakeMetrics metrics;

  private IntakeServer(Undertow server, Undertow admin, EnvelopeStore store, IntakeMetrics metrics) {
    this.server = server;
    this.admin = admin;
    this.store = store;
    this.metrics = metrics;
  }

  /** Loads the known relays, opens the inbox and starts listening. */
  public static IntakeServer start(IntakeConfig config) throws IOException, IntakeStartException {
    return start(config, DurableStore::syncDirectory);
  }

  /** With the inbox's folder fsync given: tests hold it back to see that nothing is answered before it. */
  static IntakeServer start(IntakeConfig config, DurableStore.FolderSync folderSync) throws IOException, IntakeStartException {
    IntakeLog.capLibraryLoggers();
    EnvelopeVerifier verifier = KnownRelays.load(config.knownRelays());
    SSLContext tls = config.tls() == null ? null : sslContext(config.tls());
    EnvelopeStore store = new EnvelopeStore(new DurableStore(config.inbox(), config.quota(), folderSync));
    IntakeMetrics metrics = new IntakeMetrics(store::size);
    HttpHandler envelopes = Responses.securityHeaders(
        new EnvelopeHandler(verifier, store, metrics, config.retryAfterSeconds()));
    Undertow.Builder builder = limits(Undertow.builder())
        .setIoThreads(2)
        .setWorkerThreads(32)
        .setHandler(envelopes);
    if (tls == null) {
      builder.addHttpListener(config.port(), config.host());
    } else {
      builder.addHttpsListener(config.port(), config.host(), tls)
          .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"));
    }
    Undertow server = builder.build();
    Undertow admin = limits(Undertow.builder())
        .setIoThreads(1)
        .setWorkerThreads(2)
        .addHttpListener(config.adminPort(), ADMIN_HOST)
        .setHandler(Responses.securityHeaders(new AdminHandler(metrics::prometheus)))
        .build();
    try {
      listen(server, config.host(), config.port(), false);
      try {
        listen(admin, ADMIN_HOST, config.adminPort(), true);
      } catch (IntakeStartException e) {
        server.stop();
        throw e;
      }
    } catch (IntakeStartException e) {
      closeQuietly(store);
      throw e;
    }
    IntakeLog.started(tls != null);
    return new IntakeServer(server, admin, store, metrics);
  }

  private static Undertow.Builder limits(Undertow.Builder builder) {
    return builder
        // The handler enforces every body limit; this outer cap lies beyond what it reads.
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, EnvelopeHandler.ENTITY_LIMIT)
        .setServerOption(UndertowOptions.MAX_HEADERS, 32)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 8 * 1024)
        .setServerOption(UndertowOptions.MAX_PARAMETERS, 8)
        .setServerOption(UndertowOptions.MAX_COOKIES, 0)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, 120_000)
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
        .setServerOption(UndertowOptions.ENABLE_STATISTICS, false)
        .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false);
  }

  private static void listen(Undertow undertow, String host, int port, boolean isAdmin) throws IntakeStartException {
    try {
      undertow.start();
    } catch (RuntimeException e) {
      boolean inUse = e.getCause() instanceof BindException;
      throw new IntakeStartException("cannot listen on " + host + ":" + port
          + (inUse ? " (address in use)" : " (" + e.getClass().getSimpleName() + ")"),
          !inUse ? IntakeStartException.BusyListener.NONE
              : isAdmin ? IntakeStartException.BusyListener.ADMIN : IntakeStartException.BusyListener.ENVELOPES);
    }
  }

  private static SSLContext sslContext(IntakeConfig.Tls tls) throws IntakeStartException {
    char[] password = tls.password();
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IntakeStartException("cannot use the TLS keystore " + tls.keystore()
          + " (missing, not PKCS12, or wrong password)");
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** The port {@code POST /v1/envelopes} listens on. */
  public int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** The loopback port of {@code /healthz} and {@code /metrics}. */
  public int adminPort() {
    return ((InetSocketAddress) admin.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Envelopes in the inbox now. */
  public int inboxSize() {
    return store.size();
  }

  IntakeMetrics metrics() {
    return metrics;
  }

  /** Stops both listeners, then the inbox writer (pending writes finish first). */
  @Override
  public void close() {
    server.stop();
    admin.stop();
    closeQuietly(store);
    IntakeLog.stopped();
  }

  private static void closeQuietly(EnvelopeStore store) {
    try {
      store.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "IntakeServer[" + port() + "]";
  }
}
