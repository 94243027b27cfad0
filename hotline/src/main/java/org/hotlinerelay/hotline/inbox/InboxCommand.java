package org.hotlinerelay.hotline.inbox;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Decrypt and read what the intake stored: list, show, export. */
@Command(name = "inbox", mixinStandardHelpOptions = true, description = "Decrypt and read what the intake stored: list, show, export.")
public final class InboxCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'inbox' is not built yet (issue #4)");
  }
}
