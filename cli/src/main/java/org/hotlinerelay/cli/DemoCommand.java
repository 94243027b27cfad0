package org.hotlinerelay.cli;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Run everything on loopback with throwaway keys. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run everything on loopback with throwaway keys.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'demo' is not built yet (issue #4)");
  }
}
