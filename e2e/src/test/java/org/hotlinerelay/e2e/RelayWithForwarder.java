package org.hotlinerelay.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;
import org.hotlinerelay.relay.forward.BackoffPolicy;
import org.hotlinerelay.relay.forward.Forwarder;
import org.hotlinerelay.relay.forward.ForwarderConfig;

/**
 * A relay process for end-to-end tests: the relay server and its forwarder, with a short retry
 * backoff so that a test need not wait minutes after an outage. (The relay command does not start
 * the forwarder yet; when it does, the tests can run {@code hotline-relay relay} instead.)
 *
 * <p>Arguments: port adminPort intakeUrl hotlinePublicKeyset fingerprint relayId signingKey spool.
 */
public final class RelayWithForwarder {
  private RelayWithForwarder() {}

  public static void main(String[] args) throws Exception {
    URI intake = URI.create(args[2]);
    RelayServer relay = RelayServer.start(RelayConfig.builder()
        .listen(new HostPort("127.0.0.1", Integer.parseInt(args[0])))
        .admin(new HostPort("127.0.0.1", Integer.parseInt(args[1])))
        .hotlineUrl(intake)
        .hotlineKeyset(Path.of(args[3]))
        .pinnedFingerprints(List.of(args[4]))
        .relayId(args[5])
        .signingKey(Path.of(args[6]))
        .spoolDir(Path.of(args[7]))
        .build());
    Forwarder forwarder = new Forwarder(relay.spool(), ForwarderConfig.of(intake)
        .withTimeout(Duration.ofSeconds(5))
        .withBackoff(BackoffPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(1),
            new java.util.Random()))).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        forwarder.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      relay.close();
      stopped.countDown();
    }));
    System.out.println("READY " + relay.port());
    System.out.flush();
    stopped.await();
  }
}
