package org.hotlinerelay.relay;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Run a relay: the reporting form, sealing, the spool and the forwarder. */
@Command(name = "relay", mixinStandardHelpOptions = true, description = "Run a relay: the reporting form, sealing, the spool and the forwarder.")
public final class RelayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'relay' is not built yet (issue #3)");
  }
}
