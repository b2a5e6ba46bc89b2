package dev.llmadvisor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the shipped {@code rules/} and {@code catalogues/} that tests edit; the real files are
 * never touched. Edits are saved as editors save: written beside the folder, then moved over the
 * file, so a poll never reads half a file.
 */
public final class RulesetFiles {
  public static final Path RULES = Path.of("rules");
  public static final Path CATALOGUES = Path.of("catalogues");

  /** The edit tests make: SIZING-UNDER-GUIDE-MARGIN also fires on plans with ample headroom. */
  public static final String MARGIN = "headroomRatio < 0.15";

  public static final String WIDE_MARGIN = "headroomRatio < 100.0";

  private final Path root;
  private final Path sourceRules;

  private RulesetFiles(Path root, Path sourceRules) {
    this.root = root;
    this.sourceRules = sourceRules;
  }

  /** Copies the shipped files (top level only; the fixtures under rules/tests are not served). */
  public static RulesetFiles copyUnder(Path root) {
    RulesetFiles files = new RulesetFiles(root, RULES);
    files.restore();
    return files;
  }

  /**
   * The shipped catalogues and one rule file of the test's own, {@code rules/<name>}: a few rules
   * compile in a fraction of the time the shipped ones take.
   */
  public static RulesetFiles withRules(Path root, String name, String drl) {
    try {
      Path source = Files.createDirectories(root.resolve("source-rules"));
      Files.writeString(source.resolve(name), drl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RulesetFiles files = new RulesetFiles(root, root.resolve("source-rules"));
    files.restore();
    return files;
  }

  public Path rules() {
    return root.resolve("rules");
  }

  public Path catalogues() {
    return root.resolve("catalogues");
  }

  /** Makes the copy equal to the files it was made from again. */
  public void restore() {
    copy(sourceRules, rules());
    copy(CATALOGUES, catalogues());
  }

  /** Replaces the first {@code from} in a copied file ({@code rules/sizing.drl}) by {@code to}. */
  public void edit(String file, String from, String to) {
    Path target = root.resolve(file);
    try {
      String text = Files.readString(target);
      assertThat(text).as(file).contains(from);
      save(target, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file of the copy ({@code rules/zz-extra.drl}), new or replacing one. */
  public void write(String file, String text) {
    try {
      save(root.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a copied file. */
  public String read(String file) {
    try {
      return Files.readString(root.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line of the first line of a copied file that contains {@code text}. */
  public int lineOf(String file, String text) {
    try {
      var lines = Files.readAllLines(root.resolve(file));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
      throw new AssertionError(file + " has no line with " + text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void copy(Path from, Path to) {
    try {
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path target = to.resolve(f.getFileName());
          if (Files.notExists(target) || Files.mismatch(f, target) != -1) {
            save(target, Files.readString(f));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void save(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(root, "edit-", ".tmp");
    Files.writeString(temp, text);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
