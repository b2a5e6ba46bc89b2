package dev.llmadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code advisor} in-process, as a terminal or a CI pipeline runs it: its exit code,
 * what it wrote to stdout and stderr, and whether it started the service (which the test's {@link
 * ServeCommand} only records). The one runner every CLI test uses.
 */
public record CliRun(int code, String out, String err, boolean served) {

  /** Runs {@code advisor args…}. */
  public static CliRun advisor(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> started = new ArrayList<>();
    ServeCommand serve = new ServeCommand(() -> started.add("serve"));
    int code = Cli.execute(args, new PrintWriter(out), new PrintWriter(err), serve);
    assertThat(serve.ran()).isEqualTo(!started.isEmpty());
    return new CliRun(code, out.toString(), err.toString(), serve.ran());
  }

  /**
   * {@code advisor check --format FORMAT --waivers DIR/waivers.yaml DIR/plan.yaml}, the two files
   * written first from {@code plan} and {@code waivers}.
   */
  public static CliRun check(Path dir, String plan, String waivers, String format) {
    try {
      Files.writeString(dir.resolve("plan.yaml"), plan);
      Files.writeString(dir.resolve("waivers.yaml"), waivers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return advisor(
        "check",
        "--format",
        format,
        "--waivers",
        dir.resolve("waivers.yaml").toString(),
        dir.resolve("plan.yaml").toString());
  }
}
