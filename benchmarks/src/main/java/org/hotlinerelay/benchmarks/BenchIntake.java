// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import org.hotlinerelay.relay.testing.TestIntake;

/**
 * The hotline side of {@code benchmarks/load.sh}: the relay's test intake on loopback, taking every
 * envelope ({@link TestIntake#STORE_ALL}); the relay's own metrics say how many it delivered.
 * Runs until killed. {@code java -cp benchmarks.jar org.hotlinerelay.benchmarks.BenchIntake 127.0.0.1:PORT}
 */
public final class BenchIntake {
  private BenchIntake() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
    TestIntake.startUnrecorded(TestIntake.STORE_ALL, port);
    System.out.println("test intake on 127.0.0.1:" + port);
    Thread.currentThread().join();
  }
}
