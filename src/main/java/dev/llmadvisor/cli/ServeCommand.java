package dev.llmadvisor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code advisor serve}, also what runs without a command: starts the HTTP service and returns when
 * it stops. The only command that starts Quarkus.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Start the HTTP service (the default when no command is given). Settings are Quarkus"
          + " configuration, e.g. java -Dquarkus.http.port=9090 -Dadvisor.rules-dir=rules -jar …"
    })
class ServeCommand implements Callable<Integer> {
  private final Runnable server;
  private boolean ran;

  /**
   * @param server starts the service and returns when it stops ({@code Quarkus::run})
   */
  ServeCommand(Runnable server) {
    this.server = server;
  }

  @Override
  public Integer call() {
    ran = true;
    server.run();
    return ExitCodes.OK;
  }

  /** Whether the service ran: then Quarkus owns the process's exit, not the command line. */
  boolean ran() {
    return ran;
  }
}
