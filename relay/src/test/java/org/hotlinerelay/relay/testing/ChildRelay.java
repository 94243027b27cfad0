package org.hotlinerelay.relay.testing;

import java.net.URI;
import java.nio.file.Path;
import org.hotlinerelay.relay.RelayServer;

/**
 * A relay in its own JVM, for crash tests: {@code ChildRelay <dir> <fingerprint> <intake URL>}.
 * Prints {@code PORT <n>} once listening, then runs until killed.
 */
public final class ChildRelay {
  private ChildRelay() {}

  public static void main(String[] args) throws Exception {
    RelayServer server = RelayServer.start(RelayFixture.baseConfig(Path.of(args[0]), args[1])
        .hotlineUrl(URI.create(args[2])).build());
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
