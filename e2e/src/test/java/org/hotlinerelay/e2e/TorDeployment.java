// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.e2e.tor.LinkRecorder;
import org.hotlinerelay.e2e.tor.SocketWatch;
import org.hotlinerelay.e2e.tor.TorBinaries;
import org.hotlinerelay.e2e.tor.TorNetwork;
import org.hotlinerelay.e2e.tor.TorProcess;

/**
 * The deployment the operator's guide describes, on a private Tor network: the relay's tor runs
 * the guide's torrc block (its onion service in front of the relay's listener, its SOCKS port for
 * forwarding), the hotline's tor runs the guide's {@code HiddenService*} lines in front of the
 * intake, and a reporter's tor offers a SOCKS port. Only the ports change: the relay, intake and
 * SOCKS ports are chosen free here (the tests start the relay and intake on theirs). The relay's link to its SOCKS port passes a {@link LinkRecorder}; a
 * {@link SocketWatch} follows every tor process, and the relay and intake once they listen.
 */
final class TorDeployment implements AutoCloseable {
  static final String REPORTER = "reporter";
  static final String RELAY_SIDE = "relayside";
  static final String HOTLINE_SIDE = "hotline";
  static final Duration READY = Duration.ofSeconds(150);

  final TorNetwork network;
  final int relayPort;
  final int intakePort;
  final int reporterSocksPort;
  /** A second reporter: tor keeps streams of different SOCKS ports on different circuits. */
  final int otherReporterSocksPort;
  final LinkRecorder link;
  final SocketWatch watch;

  private TorDeployment(TorNetwork network, int relayPort, int intakePort, int[] reporterSocks, LinkRecorder link,
      SocketWatch watch) {
    this.network = network;
    this.relayPort = relayPort;
    this.intakePort = intakePort;
    this.reporterSocksPort = reporterSocks[0];
    this.otherReporterSocksPort = reporterSocks[1];
    this.link = link;
    this.watch = watch;
  }

  static TorDeployment launch(TorBinaries tools, Path dir) throws Exception {
    int relayPort = ChildJvm.freePort();
    int intakePort = ChildJvm.freePort();
    int[] reporterSocks = {ChildJvm.freePort(), ChildJvm.freePort()};
    int relaySocks = ChildJvm.freePort();
    List<String> guide = DeploymentConfigTest.block("torrc");
    List<String> relaySide = new ArrayList<>(relaySide(guide, relayPort, relaySocks));
    relaySide.add("Log [rend]info file " + dir.resolve(RELAY_SIDE).resolve("rend.log"));
    TorNetwork network = TorNetwork.launch(tools, dir, List.of(
        new TorNetwork.Member(REPORTER, List.of("SocksPort 127.0.0.1:" + reporterSocks[0], "SocksPort 127.0.0.1:" + reporterSocks[1])),
        new TorNetwork.Member(RELAY_SIDE, relaySide),
        new TorNetwork.Member(HOTLINE_SIDE, hotlineSide(guide, intakePort))));
    SocketWatch watch = SocketWatch.start(Duration.ofMillis(50));
    network.processes().forEach(p -> watch.watch(p.pid()));
    try {
      LinkRecorder link = LinkRecorder.start(relaySocks);
      return new TorDeployment(network, relayPort, intakePort, reporterSocks, link, watch);
    } catch (Exception e) {
      watch.close();
      network.close();
      throw e;
    }
  }

  /** The guide's whole block, its onion service pointed at {@code relayPort}, SOCKS on {@code socksPort}. */
  static List<String> relaySide(List<String> guide, int relayPort, int socksPort) {
    List<String> lines = new ArrayList<>();
    for (String line : guide) {
      String[] f = line.strip().split("\\s+");
      switch (f[0]) {
        case "User", "DataDirectory", "RunAsDaemon", "" -> { } // the harness owns the process and its directory
        case "HiddenServicePort" -> lines.add(onionPort(line, f, relayPort));
        case "SocksPort" -> lines.add(String.join(" ", "SocksPort", f[1].substring(0, f[1].lastIndexOf(':') + 1) + socksPort,
            String.join(" ", Arrays.copyOfRange(f, 2, f.length))).strip());
        default -> lines.add(line);
      }
    }
    return lines;
  }

  /** The guide's {@code HiddenService*} lines, the service pointed at {@code intakePort}. */
  static List<String> hotlineSide(List<String> guide, int intakePort) {
    List<String> lines = new ArrayList<>();
    for (String line : guide) {
      String[] f = line.strip().split("\\s+");
      if (f[0].equals("HiddenServicePort")) {
        lines.add(onionPort(line, f, intakePort));
      } else if (f[0].startsWith("HiddenService")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String onionPort(String line, String[] f, int port) {
    if (f.length != 3 || !f[2].startsWith("127.0.0.1:")) {
      throw new IllegalStateException(DeploymentConfigTest.GUIDE + ": expected HiddenServicePort VIRTUAL 127.0.0.1:PORT, found: " + line);
    }
    return "HiddenServicePort " + f[1] + " 127.0.0.1:" + port;
  }

  TorProcess tor(String member) {
    return network.member(member);
  }

  String onion(String member) throws IOException, InterruptedException {
    return network.onionAddress(member);
  }

  /** The relay's tor log of the onion-service ("rend") domain at info level. */
  String relayRendLog() throws IOException {
    Path log = network.dir().resolve(RELAY_SIDE).resolve("rend.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  void awaitReady() throws Exception {
    network.awaitReady(READY);
  }

  /** Adds to the watch the process listening on {@code 127.0.0.1:port}; returns its PID. */
  long watchListener(int port) throws IOException {
    long pid = SocketWatch.listenerOf(port).orElseThrow(() -> new IllegalStateException("nothing listens on " + port));
    watch.watch(pid);
    return pid;
  }

  @Override
  public void close() throws Exception {
    try {
      watch.close();
      link.close();
    } finally {
      network.close();
    }
  }
}
