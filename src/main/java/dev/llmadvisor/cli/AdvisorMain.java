package dev.llmadvisor.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The jar's entry point. {@code serve}, or no argument, starts Quarkus and leaves the process to it
 * (dev mode calls this method again on every live reload, so it must never exit the JVM itself).
 * Every other command runs without Quarkus and exits with its code.
 */
@QuarkusMain
public final class AdvisorMain {
  private AdvisorMain() {}

  public static void main(String... args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    ServeCommand serve = new ServeCommand(() -> Quarkus.run());
    int code = Cli.execute(args, out, err, serve);
    if (!serve.ran()) {
      System.exit(code);
    }
  }
}
