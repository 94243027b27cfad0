// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tor process of a {@link TorNetwork}: its data directory, the torrc written there, the
 * process (its PID is tor's own: {@code RunAsDaemon} stays off) and an authenticated control
 * connection. The control port is {@code auto}, written to a file by tor, so no port is guessed.
 * {@code __OwningControllerProcess} names this JVM, so tor exits by itself if the JVM dies.
 */
public final class TorProcess {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Path dir;
  private final Process process;
  private TorControl control;

  private TorProcess(String name, Path dir, Process process) {
    this.name = name;
    this.dir = dir;
    this.process = process;
  }

  /** Writes {@code dir/torrc} from the common lines and {@code lines}, and starts tor on it. */
  static TorProcess start(String tor, String name, Path dir, List<String> lines) throws IOException {
    List<String> torrc = new ArrayList<>(List.of(
        "DataDirectory " + dir,
        "Nickname " + name,
        "ControlPort 127.0.0.1:auto",
        "ControlPortWriteToFile " + dir.resolve("control-port"),
        "CookieAuthentication 1",
        "CookieAuthFile " + dir.resolve("control-cookie"),
        "Log notice file " + dir.resolve("notice.log"),
        "__OwningControllerProcess " + ProcessHandle.current().pid()));
    torrc.addAll(lines);
    Path file = dir.resolve("torrc");
    Files.write(file, torrc);
    Path defaults = Files.writeString(dir.resolve("torrc-defaults"), "");
    Process process = new ProcessBuilder(tor, "-f", file.toString(), "--defaults-torrc", defaults.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    return new TorProcess(name, dir, process);
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  /** The control connection, opened when tor has written its control port and cookie. */
  public synchronized TorControl control() throws IOException, InterruptedException {
    if (control == null) {
      Path portFile = dir.resolve("control-port");
      Path cookie = dir.resolve("control-cookie");
      awaitFile(portFile, Duration.ofSeconds(60));
      awaitFile(cookie, Duration.ofSeconds(60));
      String line = Files.readString(portFile).strip(); // PORT=127.0.0.1:NNNN
      int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
      control = TorControl.connect(port, cookie);
    }
    return control;
  }

  /** Bootstrap progress in percent, from {@code GETINFO status/bootstrap-phase}. */
  public int bootstrapProgress() throws IOException, InterruptedException {
    String phase = control().getInfo("status/bootstrap-phase");
    int at = phase.indexOf("PROGRESS=");
    return at < 0 ? 0 : Integer.parseInt(phase.substring(at + 9).split("\\s")[0]);
  }

  /** The address of the onion service whose {@code HiddenServiceDir} is {@code serviceDir}. */
  public String onionAddress(Path serviceDir) throws IOException, InterruptedException {
    Path hostname = serviceDir.resolve("hostname");
    awaitFile(hostname, Duration.ofSeconds(60));
    return Files.readString(hostname).strip();
  }

  void awaitFile(Path file, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file) || Files.size(file) == 0) {
      if (!process.isAlive()) {
        throw new IOException("tor " + name + " exited with " + process.exitValue() + "; see " + dir.resolve("stdout.log"));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("tor " + name + " wrote no " + file.getFileName() + "; see " + dir.resolve("notice.log"));
      }
      Thread.sleep(50);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (tor exits at once), then SIGKILL if it has not exited within the grace time. */
  void stop() throws InterruptedException {
    if (control != null) {
      try {
        control.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public String toString() {
    return "tor " + name + " (pid " + pid() + ")";
  }
}
