// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A relay in a real child JVM (the test's own classpath) that can be killed with SIGKILL. */
final class RelayProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code relay} with {@code args} plus {@code --listen 127.0.0.1:port}; waits until it listens. */
  static RelayProcess start(int port, Path log, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
        "--listen", "127.0.0.1:" + port, "--admin", "127.0.0.1:0"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    RelayProcess relay = new RelayProcess(process, port);
    relay.awaitListening();
    return relay;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("relay exited with " + process.exitValue());
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("relay did not listen within 60 s");
  }

  int port() {
    return port;
  }

  /** kill -9: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
