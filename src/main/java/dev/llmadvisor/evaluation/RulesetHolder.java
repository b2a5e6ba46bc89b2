package dev.llmadvisor.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves, and the one place it is replaced. A reload builds a new {@link Ruleset}
 * off to the side and swaps it in with one write; an evaluation reads {@link #current()} once and
 * keeps that ruleset to its end, so requests in flight finish on the one they started with. A
 * reload that fails leaves the serving ruleset as it is and keeps the problems for {@link
 * #status()}. Plain Java: the service, the file watch and a command line use it alike.
 */
public final class RulesetHolder {
  private static final Logger LOG = Logger.getLogger(RulesetHolder.class);

  /** What asked for a reload. */
  public enum Trigger {
    STARTUP,
    WATCH,
    API;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a reload did. */
  public enum Outcome {
    /** A new ruleset was built and now serves. */
    LOADED,
    /** The files are those of the ruleset that serves: nothing was built or swapped. */
    UNCHANGED,
    /** The files do not compile or validate: the ruleset that served before still serves. */
    FAILED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One reload attempt.
   *
   * @param version the content hash of the files it read (null if they could not be read)
   * @param errors why it failed; empty unless {@code outcome} is {@code failed}
   */
  public record Attempt(
      Instant at,
      Trigger trigger,
      Outcome outcome,
      String version,
      long durationMs,
      List<RulesetProblem> errors) {}

  /**
   * The ruleset that serves and the last reload attempt.
   *
   * @param version the serving ruleset's content hash, as in every report's {@code ruleset.version}
   * @param loadedAt when the serving ruleset was built
   * @param rules how many rules it has
   */
  public record Status(String version, Instant loadedAt, int rules, Attempt lastReload) {}

  /** Read and written as one, so a status never pairs a ruleset with another's attempt. */
  private record State(Ruleset active, Attempt last) {}

  private final Path rulesDir;
  private final Path cataloguesDir;
  private final Object reloading = new Object();
  private final List<Consumer<Attempt>> listeners = new CopyOnWriteArrayList<>();
  private volatile State state;

  /**
   * Loads the ruleset that will serve first.
   *
   * @throws dev.llmadvisor.rules.RuleSetException or {@link
   *     dev.llmadvisor.catalogue.CatalogueException}: with nothing to fall back on, nothing serves
   */
  public RulesetHolder(Path rulesDir, Path cataloguesDir) {
    this.rulesDir = rulesDir;
    this.cataloguesDir = cataloguesDir;
    long start = System.nanoTime();
    Ruleset first = Ruleset.load(rulesDir, cataloguesDir);
    this.state =
        new State(
            first,
            new Attempt(
                first.loadedAt(),
                Trigger.STARTUP,
                Outcome.LOADED,
                first.version(),
                millisSince(start),
                List.of()));
  }

  /**
   * Told of every reload attempt after it has been recorded (the metrics count them); not of the
   * first load, which the constructor does.
   */
  public void addListener(Consumer<Attempt> listener) {
    listeners.add(listener);
  }

  /** The ruleset that serves now. Read it once per evaluation. */
  public Ruleset current() {
    return state.active();
  }

  public Status status() {
    State s = state;
    return new Status(
        s.active().version(), s.active().loadedAt(), s.active().ruleCount(), s.last());
  }

  /**
   * The content hash of the files the last attempt read: the file watch reloads when the folders
   * hash to something else. Null when the last attempt could not read them.
   */
  public String lastAttemptedVersion() {
    return state.last().version();
  }

  /** The content hash of the folders as they are now. */
  public String filesVersion() {
    return Ruleset.version(rulesDir, cataloguesDir);
  }

  /**
   * Reads the folders again and swaps in what they hold if it differs from what serves and loads
   * cleanly. One reload at a time; evaluations go on meanwhile on the serving ruleset.
   */
  public Status reload(Trigger trigger) {
    return reload(trigger, false);
  }

  /**
   * Reloads unless the last attempt read the files as they are now. For the file watch, which may
   * have waited for a reload that someone else asked for (the API) and that read these very files.
   */
  public Status reloadIfNotAttempted(Trigger trigger) {
    return reload(trigger, true);
  }

  private Status reload(Trigger trigger, boolean unlessAttempted) {
    synchronized (reloading) {
      Instant at = Instant.now();
      long start = System.nanoTime();
      State before = state;
      Ruleset serving = before.active();
      String version = null;
      Ruleset next = null;
      List<RulesetProblem> errors = List.of();
      try {
        version = filesVersion();
        if (unlessAttempted && version.equals(before.last().version())) {
          return status();
        }
        if (!version.equals(serving.version())) {
          next = Ruleset.load(rulesDir, cataloguesDir, serving);
          version = next.version();
        }
      } catch (RuntimeException e) {
        errors = RulesetProblem.of(e);
      }
      Outcome outcome;
      if (!errors.isEmpty()) {
        outcome = Outcome.FAILED;
        next = serving;
      } else if (next == null || next.version().equals(serving.version())) {
        // The second case: the files went back to what serves while they were being read.
        outcome = Outcome.UNCHANGED;
        next = serving;
      } else {
        outcome = Outcome.LOADED;
      }
      Attempt attempt = new Attempt(at, trigger, outcome, version, millisSince(start), errors);
      state = new State(next, attempt);
      log(attempt, serving);
      for (Consumer<Attempt> listener : listeners) {
        listener.accept(attempt);
      }
      return status();
    }
  }

  private static void log(Attempt a, Ruleset before) {
    switch (a.outcome()) {
      case LOADED ->
          LOG.infof(
              "ruleset %s loaded (%s, %d ms); it replaces %s",
              a.version(), a.trigger().label(), a.durationMs(), before.version());
      case UNCHANGED ->
          LOG.debugf("ruleset %s unchanged (%s)", before.version(), a.trigger().label());
      case FAILED -> {
        StringBuilder text = new StringBuilder();
        a.errors().forEach(e -> text.append("\n  ").append(e));
        LOG.warnf(
            "reload (%s) failed; ruleset %s keeps serving:%s",
            a.trigger().label(), before.version(), text);
      }
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
