package dev.llmadvisor.evaluation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts the file watch with the service and stops it with the service (and with each restart of
 * dev mode). {@code advisor.reload.enabled=false} turns it off; {@code POST /api/v1/admin/reload}
 * still reloads.
 */
@ApplicationScoped
public class LiveReload {
  private static final Logger LOG = Logger.getLogger(LiveReload.class);

  private final Advisor advisor;
  private final boolean enabled;
  private final Duration interval;
  private RulesetWatcher watcher;

  public LiveReload(
      Advisor advisor,
      @ConfigProperty(name = "advisor.reload.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "advisor.reload.interval", defaultValue = "500ms") Duration interval) {
    this.advisor = advisor;
    this.enabled = enabled;
    this.interval = interval;
  }

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.info("ruleset watch is off (advisor.reload.enabled=false)");
      return;
    }
    watcher = new RulesetWatcher(advisor.rulesets(), interval);
    watcher.start();
    LOG.infof(
        "watching the rules and catalogues every %d ms; serving ruleset %s",
        interval.toMillis(), advisor.ruleset().version());
  }

  void stop(@Observes ShutdownEvent event) {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }
}
