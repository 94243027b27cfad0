// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A private Tor network on loopback, made from Debian's {@code tor} and {@code tor-gencert} with
 * torrc files written here: three directory authorities, three relays, and the members a test
 * names (clients and onion services, with the torrc lines it gives). Every node binds
 * 127.0.0.1 only, every node trusts only these authorities ({@code DirAuthority}), and
 * {@code TestingTorNetwork 1} shortens the directory schedule so the network forms in seconds.
 *
 * <p>{@link #launch} starts every process and returns as soon as they run; the members start with
 * {@code DisableNetwork 1}, so their onion addresses and SOCKS ports are known at once.
 * {@link #awaitReady} lets them onto the network once the authorities' consensus lists every
 * relay, and returns when each member has bootstrapped (control port:
 * {@code status/bootstrap-phase}) and each onion service has uploaded its descriptor
 * ({@code HS_DESC UPLOADED} events). {@link #close} stops every process it started by PID and
 * fails if any is still alive; a shutdown hook and {@code __OwningControllerProcess} stop them if
 * the JVM ends first.
 */
public final class TorNetwork implements AutoCloseable {
  private static final int AUTHORITIES = 3;
  private static final int RELAYS = 3;
  private static final List<String> COMMON = List.of(
      "TestingTorNetwork 1",
      "AssumeReachable 1",
      "PathsNeededToBuildCircuits 0.67",
      "TestingDirAuthVoteGuard *",
      "TestingDirAuthVoteHSDir *",
      "TestingDirAuthVoteExit *",
      "TestingMinExitFlagThreshold 0",
      "V3AuthNIntervalsValid 2",
      "ShutdownWaitLength 0");
  private static final List<String> VOTING = List.of(
      "TestingV3AuthInitialVotingInterval 10",
      "TestingV3AuthInitialVoteDelay 2",
      "TestingV3AuthInitialDistDelay 2",
      "V3AuthVotingInterval 10",
      "V3AuthVoteDelay 2",
      "V3AuthDistDelay 2");

  /** A client or onion service of the network: its name and its own torrc lines. */
  public record Member(String name, List<String> torrcLines) {}

  private final Path dir;
  private final List<TorProcess> infrastructure;
  private final Map<String, TorProcess> members;
  private final Map<String, List<Path>> serviceDirs;
  private final Thread killOnExit;
  private final long launchedAt = System.nanoTime();
  private Duration readyAfter;

  private TorNetwork(Path dir, List<TorProcess> infrastructure, Map<String, TorProcess> members,
      Map<String, List<Path>> serviceDirs) {
    this.dir = dir;
    this.infrastructure = infrastructure;
    this.members = members;
    this.serviceDirs = serviceDirs;
    this.killOnExit = new Thread(this::killAll, "tor-network-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Makes the authorities' keys, writes every torrc under {@code dir} and starts every process.
   * In a member's lines, each {@code HiddenServiceDir} is replaced by a directory of its own, and
   * without a {@code SocksPort} line it gets {@code SocksPort 0}.
   */
  public static TorNetwork launch(TorBinaries tools, Path dir, List<Member> members) throws Exception {
    List<DirectoryAuthority> authorities = authorities(tools, dir);
    List<String> common = new ArrayList<>(COMMON);
    authorities.forEach(a -> common.add(a.dirAuthorityLine()));
    List<TorProcess> infrastructure = new ArrayList<>();
    Map<String, TorProcess> started = new LinkedHashMap<>();
    Map<String, List<Path>> serviceDirs = new LinkedHashMap<>();
    try {
      for (DirectoryAuthority a : authorities) {
        List<String> lines = new ArrayList<>(common);
        lines.addAll(a.torrcLines());
        lines.addAll(VOTING);
        lines.addAll(List.of("Address 127.0.0.1", "SocksPort 0", "ExitRelay 0"));
        infrastructure.add(TorProcess.start(tools.tor(), a.name(), a.dir(), lines));
      }
      for (int i = 0; i < RELAYS; i++) {
        List<String> lines = new ArrayList<>(common);
        lines.addAll(List.of("ORPort 127.0.0.1:auto", "Address 127.0.0.1", "SocksPort 0", "ExitRelay 0"));
        infrastructure.add(TorProcess.start(tools.tor(), "relay" + i, privateDir(dir.resolve("relay" + i)), lines));
      }
      for (Member m : members) {
        Path home = privateDir(dir.resolve(m.name()));
        List<String> lines = new ArrayList<>(common);
        lines.add("DisableNetwork 1");
        List<Path> services = new ArrayList<>();
        boolean socks = false;
        for (String line : m.torrcLines()) {
          String key = line.strip().split("\\s+", 2)[0];
          if (key.equals("HiddenServiceDir")) {
            Path service = privateDir(home.resolve("onion-service-" + services.size()));
            services.add(service);
            lines.add("HiddenServiceDir " + service);
          } else {
            socks |= key.equals("SocksPort");
            lines.add(line);
          }
        }
        if (!socks) {
          lines.add("SocksPort 0");
        }
        serviceDirs.put(m.name(), services);
        started.put(m.name(), TorProcess.start(tools.tor(), m.name(), home, lines));
      }
    } catch (Exception e) {
      infrastructure.addAll(started.values());
      for (TorProcess p : infrastructure) {
        p.stop();
      }
      throw e;
    }
    return new TorNetwork(dir, infrastructure, started, serviceDirs);
  }

  private static List<DirectoryAuthority> authorities(TorBinaries tools, Path dir) throws Exception {
    ExecutorService keygen = Executors.newFixedThreadPool(AUTHORITIES);
    try {
      List<Future<DirectoryAuthority>> made = new ArrayList<>();
      for (int i = 0; i < AUTHORITIES; i++) {
        String name = "auth" + i;
        Path home = privateDir(dir.resolve(name));
        int orPort = freePort();
        int dirPort = freePort();
        made.add(keygen.submit(() -> DirectoryAuthority.create(tools, name, home, orPort, dirPort)));
      }
      List<DirectoryAuthority> authorities = new ArrayList<>();
      for (Future<DirectoryAuthority> f : made) {
        authorities.add(f.get());
      }
      return authorities;
    } finally {
      keygen.shutdownNow();
    }
  }

  public TorProcess member(String name) {
    TorProcess p = members.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no member " + name);
    }
    return p;
  }

  /** The onion address ({@code ….onion}) of the member's first onion service. */
  public String onionAddress(String member) throws IOException, InterruptedException {
    return member(member).onionAddress(serviceDirs.get(member).get(0));
  }

  /** Lets the members onto the network and waits until it is usable; see the class comment. */
  public synchronized void awaitReady(Duration timeout) throws Exception {
    if (readyAfter != null) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    TorProcess authority = infrastructure.get(0);
    while (hsDirsInConsensus(authority) < AUTHORITIES + RELAYS) {
      check(deadline, "the authorities' consensus does not list every relay; see " + authority.dir().resolve("notice.log"));
      Thread.sleep(250);
    }
    Map<TorProcess, DescriptorUploads> uploads = new LinkedHashMap<>();
    for (TorProcess m : members.values()) {
      m.control().command("SETEVENTS HS_DESC");
      m.control().command("SETCONF DisableNetwork=0");
      List<String> addresses = new ArrayList<>();
      for (Path service : serviceDirs.get(m.name())) {
        addresses.add(m.onionAddress(service));
      }
      uploads.put(m, new DescriptorUploads(m.control(), addresses));
    }
    for (TorProcess m : members.values()) {
      while (m.bootstrapProgress() < 100) {
        check(deadline, m + " did not bootstrap; see " + m.dir().resolve("notice.log"));
        Thread.sleep(250);
      }
    }
    for (Map.Entry<TorProcess, DescriptorUploads> e : uploads.entrySet()) {
      if (!e.getValue().await(deadline)) {
        throw new IllegalStateException(e.getKey() + " did not upload its onion service descriptors; see "
            + e.getKey().dir().resolve("notice.log"));
      }
    }
    readyAfter = Duration.ofNanos(System.nanoTime() - launchedAt);
  }

  /** From {@link #launch} to the end of {@link #awaitReady}. */
  public Duration readyAfter() {
    return readyAfter;
  }

  private static int hsDirsInConsensus(TorProcess authority) throws InterruptedException {
    try {
      return (int) authority.control().getInfo("ns/all").lines()
          .filter(l -> l.startsWith("s ") && l.contains(" HSDir") && l.contains(" Running")).count();
    } catch (IOException noConsensusYet) {
      return 0;
    }
  }

  private void check(long deadline, String what) {
    for (TorProcess p : processes()) {
      if (!p.isAlive()) {
        throw new IllegalStateException(p + " exited; see " + p.dir().resolve("stdout.log"));
      }
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(what);
    }
  }

  /** Every tor process of the network. */
  public List<TorProcess> processes() {
    List<TorProcess> all = new ArrayList<>(infrastructure);
    all.addAll(members.values());
    return all;
  }

  public Path dir() {
    return dir;
  }

  /** Stops every process, members first; fails if any PID is still alive afterwards. */
  @Override
  public void close() throws InterruptedException {
    List<TorProcess> all = processes();
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).stop();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: nothing left for it to do.
    }
    List<Long> alive = all.stream().map(TorProcess::pid)
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    if (!alive.isEmpty()) {
      throw new IllegalStateException("tor processes still alive after stopping: " + alive);
    }
  }

  private void killAll() {
    processes().forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
  }

  static Path privateDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
