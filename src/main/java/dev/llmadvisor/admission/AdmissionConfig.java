package dev.llmadvisor.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admission webhook's settings ({@code advisor.admission.*}, docs/admission.md). All are read
 * at start; a namespace default that names no plan field stops the start with the field named.
 */
@ConfigMapping(prefix = "advisor.admission")
public interface AdmissionConfig {

  /** false: audit mode, every workload is admitted; what would be denied is a warning. */
  @WithDefault("true")
  boolean enforce();

  /** What happens to a workload serving a model whose plan cannot be built or evaluated. */
  @WithDefault("closed-in-production")
  OnIncomplete onIncomplete();

  /**
   * Namespaces treated as production (globs, {@code *} any run of characters): an incomplete plan
   * there is denied under {@code closed-in-production}.
   */
  @WithDefault("production,production-*,*-production,prod,prod-*,*-prod")
  List<String> productionNamespaces();

  /** Per namespace ({@code advisor.admission.namespaces."team-a".…}). */
  Map<String, Namespace> namespaces();

  /** The settings of one namespace. */
  interface Namespace {
    /**
     * Plan settings ({@code field=value}, as {@code advisor import --set}) for every workload of
     * the namespace; the workload's own {@code llm-advisor/…} annotations win over them.
     */
    Optional<List<String>> defaults();

    /** Overrides {@code advisor.admission.enforce} for this namespace. */
    Optional<Boolean> enforce();

    /** Overrides {@code advisor.admission.on-incomplete} for this namespace. */
    Optional<OnIncomplete> onIncomplete();

    /** true or false: whether this namespace is production, whatever its name. */
    Optional<Boolean> production();
  }

  /** Fail-open or fail-closed for plans the importer cannot complete. */
  enum OnIncomplete {
    /** Admit, with a warning naming what is missing. */
    FAIL_OPEN,
    /** Deny, naming what is missing. */
    FAIL_CLOSED,
    /** FAIL_CLOSED for production workloads, FAIL_OPEN for the others (docs/admission.md). */
    CLOSED_IN_PRODUCTION
  }
}
