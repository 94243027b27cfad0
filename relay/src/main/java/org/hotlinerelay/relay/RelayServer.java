// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import io.undertow.Undertow;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.relay.admin.AdminHandler;
import org.hotlinerelay.relay.admin.MetricsText;
import org.hotlinerelay.relay.admin.ForwardCounts;
import org.hotlinerelay.relay.forward.Cover;
import org.hotlinerelay.relay.forward.Forwarder;
import org.hotlinerelay.relay.forward.ForwarderConfig;
import org.hotlinerelay.relay.form.ReportForm;
import org.hotlinerelay.relay.http.Listeners;
import org.hotlinerelay.relay.http.Spooler;
import org.hotlinerelay.relay.keys.HotlineKeyset;
import org.hotlinerelay.relay.keys.SigningKeyFile;
import org.hotlinerelay.relay.spool.Spool;
import org.hotlinerelay.site.Languages;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.PortalsFile;
import org.hotlinerelay.site.Site;

/**
 * A running relay: the reporting listener, the admin listener, the keyset watcher and the
 * forwarder, wired in one place. {@link #start} checks the whole configuration first and refuses
 * — with a {@link CommandFailure}, one fixed line, exit 2 — when the hotline keyset is missing,
 * holds private material or matches no pinned fingerprint, when the signing key is invalid, or
 * when the spool is not writable ({@code RelayServerStartupTest}).
 */
public final class RelayServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RelayServer.class.getName());

  private final Undertow undertow;
  private final Spool spool;
  private final Metrics metrics;
  private final HotlineKeyset keys;
  private final ScheduledExecutorService watcher;
  private final Forwarder forwarder;

  private RelayServer(Undertow undertow, Spool spool, Metrics metrics, HotlineKeyset keys,
      ScheduledExecutorService watcher, Forwarder forwarder) {
    this.undertow = undertow;
    this.spool = spool;
    this.metrics = metrics;
    this.keys = keys;
    this.watcher = watcher;
    this.forwarder = forwarder;
  }

  /** Checks the configuration, starts everything, and returns once both listeners are bound. */
  public static RelayServer start(RelayConfig config) {
    LogCaps.apply();
    String busy = busyAddress(config);
    if (busy != null) {
      throw CommandFailure.runtime(busy);
    }
    Metrics metrics = new Metrics();
    HotlineKeyset keys = HotlineKeyset.load(config.hotlineKeyset(), config.pinnedFingerprints(), metrics);
    Site site = Site.load();
    Map<String, Portal> partners = partners(config);
    Set<String> allowed = new LinkedHashSet<>(config.allowedPortals());
    allowed.addAll(partners.keySet());
    Portal portal = portal(allowed, site, partners);
    Spool spool = openSpool(config);
    // The signing key is made (and its line logged) only once everything before it has worked, so
    // that a failing start prints its Error line first.
    EnvelopeSigner signer;
    try {
      signer = SigningKeyFile.loadOrCreate(config.signingKey(), config.relayId());
    } catch (RuntimeException e) {
      closeQuietly(spool);
      throw e;
    }
    if (spool.damagedAtStart() > 0) {
      LOG.warning("RELAY-007 " + spool.damagedAtStart() + " damaged spool file(s) moved to quarantine");
    }
    Forwarder forwarder = forwarder(config, spool, new Cover(keys, signer));
    Undertow undertow = null;
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hotline-keyset-watcher");
      t.setDaemon(true);
      return t;
    });
    try {
      ReportForm form = new ReportForm(allowed, portal.defaultLanguage(),
          config.granularity(), config.clock());
      Spooler spooler = new Spooler(keys, signer, spool, config.schedule(), config.clock());
      undertow = Listeners.server(config.timeouts())
          .addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
              .setHost(config.listen().host()).setPort(config.listen().port())
              .setRootHandler(Listeners.reporting(site, portal, partners, allowed, form, spooler, metrics, config)))
          .addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
              .setHost(config.admin().host()).setPort(config.admin().port())
              .setRootHandler(Listeners.secured(new AdminHandler(new MetricsText(metrics, spool, counts(forwarder))), config)))
          .build();
      undertow.start();
    } catch (RuntimeException e) {
      watcher.shutdownNow();
      stop(forwarder);
      closeQuietly(spool);
      stopQuietly(undertow);
      throw CommandFailure.runtime("cannot listen on " + config.listen() + " and " + config.admin()
          + " (" + e.getClass().getSimpleName() + "); check both addresses (--listen, --admin)");
    }
    long poll = config.timeouts().keysetPoll().toMillis();
    watcher.scheduleWithFixedDelay(keys::poll, poll, poll, TimeUnit.MILLISECONDS);
    if (forwarder != null) {
      LOG.info("RELAY-008 forwarding " + config.schedule().describe());
      forwarder.start();
    } else {
      LOG.warning("RELAY-006 no hotline URL: reports are spooled but not forwarded");
    }
    RelayServer server = new RelayServer(undertow, spool, metrics, keys, watcher, forwarder);
    LOG.info("RELAY-004 hotline keyset fingerprint " + keys.fingerprint());
    LOG.info("RELAY-001 relay listening on " + config.listen().host() + ":" + server.port()
        + " (an onion service maps to this address)");
    LOG.info("RELAY-002 admin listening on " + config.admin().host() + ":" + server.adminPort());
    return server;
  }

  /**
   * Before anything starts: the listener whose address is taken, with the flag that moves it, or
   * null. A relay that cannot listen fails with this line, not after its start-up lines.
   */
  static String busyAddress(RelayConfig config) {
    if (inUse(config.listen())) {
      return "cannot listen on " + config.listen() + " (address in use); choose another with --listen";
    }
    if (inUse(config.admin())) {
      return "cannot listen on " + config.admin() + " (address in use); choose another with --admin";
    }
    return null;
  }

  private static boolean inUse(HostPort address) {
    if (address.port() == 0) {
      return false;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address.host(), address.port()));
      return false;
    } catch (IOException e) {
      return e instanceof BindException;
    }
  }

  private static void stopQuietly(Undertow undertow) {
    if (undertow == null) {
      return;
    }
    try {
      undertow.stop();
    } catch (RuntimeException ignored) {
      // It never fully started.
    }
  }

  /**
   * The portal served at {@code /}: the relay's own when its reports are taken; otherwise the
   * portals file's first portal, so that the relay's root (its onion address) never shows a form
   * whose reports it would refuse.
   */
  private static Portal portal(Set<String> allowed, Site site, Map<String, Portal> partners) {
    List<String> languages = Languages.ALL.stream().filter(site::hasLanguage).toList();
    for (String id : allowed) {
      try {
        new Portal(id, "check", languages, "", "#000000", "", "");
      } catch (IllegalArgumentException e) {
        throw CommandFailure.runtime("a portal id must be 1-40 of a-z, 0-9 and '-' (--portals)");
      }
    }
    if (allowed.isEmpty()) {
      throw CommandFailure.runtime("no portal id is allowed (--portals)");
    }
    Portal own = Portal.relayDefault(languages);
    if (!allowed.contains(own.id()) && !partners.isEmpty()) {
      return partners.values().iterator().next();
    }
    return own;
  }

  /** The portals of the portals file, by id, in the file's order (none without one); a bad file stops the start. */
  private static Map<String, Portal> partners(RelayConfig config) {
    if (config.portalsFile() == null) {
      return Map.of();
    }
    PortalsFile file;
    try {
      file = PortalsFile.read(config.portalsFile());
    } catch (NoSuchFileException e) {
      throw CommandFailure.runtime("portals file not found: " + config.portalsFile() + " (--portals)");
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read the portals file (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw CommandFailure.runtime(e.getMessage() + " (--portals)");
    }
    Map<String, Portal> partners = new LinkedHashMap<>();
    file.ids().forEach(id -> partners.put(id, file.get(id)));
    return partners;
  }

  /** The forwarder for the configured hotline, not started; null when no hotline URL is set. */
  private static Forwarder forwarder(RelayConfig config, Spool spool, Cover cover) {
    if (config.hotlineUrl() == null) {
      return null;
    }
    ForwarderConfig fc;
    try {
      fc = ForwarderConfig.of(config.hotlineUrl());
      if (config.socksProxy() != null) {
        fc = fc.withSocksProxy(new InetSocketAddress(config.socksProxy().host(), config.socksProxy().port()));
      }
      if (config.hotlineCa() != null) {
        fc = fc.withPinnedCa(config.hotlineCa());
      }
    } catch (IllegalArgumentException e) {
      closeQuietly(spool);
      throw CommandFailure.usage("the hotline URL must be https (http only for a .onion or loopback host), with no user, query or fragment (--hotline-url)");
    }
    try {
      return new Forwarder(spool, fc, config.schedule(), cover);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      closeQuietly(spool);
      throw CommandFailure.runtime("cannot set up forwarding to the hotline; check --hotline-ca ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static ForwardCounts counts(Forwarder forwarder) {
    if (forwarder == null) {
      return ForwardCounts.NONE;
    }
    return new ForwardCounts() {
      @Override
      public long successes() {
        return forwarder.forwarded();
      }

      @Override
      public long failures() {
        return forwarder.failures();
      }

      @Override
      public long quarantined() {
        return forwarder.quarantined();
      }

      @Override
      public long misconfigured() {
        return forwarder.misconfigured();
      }

      @Override
      public long batches() {
        return forwarder.batches();
      }
    };
  }

  private static void stop(Forwarder forwarder) {
    if (forwarder == null) {
      return;
    }
    try {
      forwarder.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Spool openSpool(RelayConfig config) {
    Path dir = config.spoolDir();
    try {
      DurableStore.createPrivateDirectory(dir);
      Path probe = dir.resolve(".probe-" + Ids.random());
      Files.write(probe, new byte[1]);
      Files.delete(probe);
      return new Spool(dir, config.quota());
    } catch (IOException | RuntimeException e) {
      throw CommandFailure.runtime("the spool folder " + dir + " is not writable");
    }
  }

  /** The reporting listener's port (useful when configured as 0). */
  public int port() {
    return portOf(0);
  }

  public int adminPort() {
    return portOf(1);
  }

  private int portOf(int listener) {
    return ((InetSocketAddress) undertow.getListenerInfo().get(listener).getAddress()).getPort();
  }

  public Metrics metrics() {
    return metrics;
  }

  public Spool spool() {
    return spool;
  }

  /** Fingerprint of the hotline keyset reports are sealed with now. */
  public String keysetFingerprint() {
    return keys.fingerprint();
  }

  /** Re-reads the keyset file now (tests; the watcher does it on a timer). */
  public boolean reloadKeyset() {
    return keys.poll();
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    undertow.stop();
    stop(forwarder);
    closeQuietly(spool);
    LOG.info("RELAY-009 relay stopped");
  }

  private static void closeQuietly(Spool spool) {
    try {
      spool.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RelayServer[" + port() + "]";
  }
}
