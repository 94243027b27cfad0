package org.hotlinerelay.hotline.intake;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Run the hotline's intake server, which stores sealed envelopes from relays. */
@Command(name = "intake", mixinStandardHelpOptions = true, description = "Run the hotline's intake server, which stores sealed envelopes from relays.")
public final class IntakeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'intake' is not built yet (issue #4)");
  }
}
