package dev.llmadvisor.evaluation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reloads the ruleset when the files under {@code rules/} or {@code catalogues/} change. It polls
 * their content hash rather than listening to file events: inotify misses edits on network and
 * container bind mounts and the symlink swap of a Kubernetes ConfigMap, and reports one save as
 * several events; hashing the ~150 KB of rules and catalogues once a poll costs well under a
 * millisecond. A burst of edits (an editor's temporary files, {@code git checkout}) is waited out:
 * a reload starts only once the hash has stayed the same for one whole interval, so a change is
 * serving between one and two intervals after the last write, plus the compile.
 */
public final class RulesetWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RulesetWatcher.class);

  private final RulesetHolder holder;
  private final Duration interval;
  private ScheduledExecutorService executor;

  /** The hash seen by the previous poll; null before the first or after an unreadable folder. */
  private String previous;

  public RulesetWatcher(RulesetHolder holder, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, got " + interval);
    }
    this.holder = holder;
    this.interval = interval;
  }

  /** Starts polling on a daemon thread of its own. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ruleset-watcher");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Stops polling and waits briefly for a reload under way to end. */
  @Override
  public synchronized void close() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  /** One poll; never throws, since a scheduled task that throws is never run again. */
  private void poll() {
    try {
      check();
    } catch (Throwable t) {
      LOG.error("ruleset watch: poll failed; polling goes on", t);
    }
  }

  /**
   * Reloads when the folders hash to something the last attempt did not read and have hashed the
   * same since the previous poll. Package-private so that tests can drive the polls themselves.
   */
  void check() {
    String now;
    try {
      now = holder.filesVersion();
    } catch (RuntimeException e) {
      // A folder being replaced (a checkout, a ConfigMap update): look again next time.
      previous = null;
      return;
    }
    boolean settled = now.equals(previous);
    previous = now;
    if (settled && !now.equals(holder.lastAttemptedVersion())) {
      holder.reloadIfNotAttempted(RulesetHolder.Trigger.WATCH);
    }
  }
}
