package dev.llmadvisor.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmadvisor.plan.DeploymentPlan;
import dev.llmadvisor.plan.PlanHash;
import dev.llmadvisor.rules.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision log's SQL, the same on H2 and on a real PostgreSQL. */
class DecisionStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

  static Decision decision(String id, Instant at, String plan, Verdict verdict, String submitter) {
    var findings = JsonNodeFactory.instance.arrayNode();
    findings.addObject().put("ruleId", "KV-CACHE-TIGHT").put("severity", "WARNING");
    DeploymentPlan named =
        new DeploymentPlan(plan, null, null, null, null, null, null, null, null, null, null, null);
    var canonical = JsonNodeFactory.instance.objectNode().put("name", plan);
    return new Decision(
        id,
        at,
        plan,
        PlanHash.of(named),
        "yaml",
        "sha256:abc",
        verdict.name(),
        findings,
        JsonNodeFactory.instance.arrayNode(),
        submitter,
        "name: " + plan + "\n",
        canonical,
        List.of(),
        null);
  }

  private static DecisionStore store(DataSource ds) {
    return new DecisionStore(ds, JSON);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aDecisionReadsBackAsItWasStored(Databases db) {
    DecisionStore store = store(db.fresh());
    Decision d = decision("d-1", T0, "support-assistant", Verdict.APPROVED_WITH_WARNINGS, "alice");
    store.insert(d, d.plan().toString());

    assertThat(store.find("d-1")).contains(d);
    assertThat(store.find("d-unknown")).isEmpty();
  }

  /** Migration V7's columns: an admission decision reads back with its AdmissionReview. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void anAdmissionDecisionReadsBackWithItsReviewAndWorkload(Databases db) {
    DecisionStore store = store(db.fresh());
    Decision plain = decision("d-0", T0, "prod-llm/llama", Verdict.REJECTED, "alice");
    Admission admission =
        new Admission(
            "7a1f0c3e-70b0-4c1e-9d1a-000000000001",
            "UPDATE",
            Admission.EVALUATED,
            false,
            true,
            true,
            "LLM Deploy Advisor: Deployment prod-llm/llama is REJECTED by X (BLOCKER).",
            List.of("SIZING-UNDER-GUIDE-MARGIN: Weights take 67.67 GiB — 5.3 % headroom"),
            "Deployment",
            "prod-llm",
            "llama",
            "3f6a2b1c-1111-4a2b-8c3d-5e6f7a8b9c0d");
    Decision d =
        new Decision(
            "d-1",
            T0,
            plain.planName(),
            plain.planHash(),
            "k8s",
            plain.rulesetVersion(),
            plain.verdict(),
            plain.findings(),
            plain.defaultsApplied(),
            "system:serviceaccount:ci:helm",
            plain.planSubmitted(),
            plain.plan(),
            List.of(),
            admission);
    store.insert(plain, plain.plan().toString());
    store.insert(d, d.plan().toString());

    assertThat(store.find("d-1")).contains(d);
    assertThat(store.find("d-1").orElseThrow().admission()).isEqualTo(admission);
    assertThat(store.find("d-0").orElseThrow().admission()).isNull();
    assertThat(store.list(new DecisionQuery("prod-llm/llama", null, null, 0, 50)).items())
        .extracting(Decision::admission)
        .containsExactly(admission, null);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void listsNewestFirstFilteredAndPaged(Databases db) {
    DecisionStore store = store(db.fresh());
    // five decisions a minute apart: a, b, a, a, b with verdicts alternating
    String[] plans = {"a", "b", "a", "a", "b"};
    for (int i = 0; i < plans.length; i++) {
      Verdict v = i % 2 == 0 ? Verdict.APPROVED : Verdict.REJECTED;
      Decision d = decision("d-" + i, T0.plusSeconds(60L * i), plans[i], v, "alice");
      store.insert(d, d.plan().toString());
    }

    DecisionPage all = store.list(new DecisionQuery(null, null, null, 0, 50));
    assertThat(all.items())
        .extracting(Decision::decisionId)
        .containsExactly("d-4", "d-3", "d-2", "d-1", "d-0");
    assertThat(all.total()).isEqualTo(5);
    assertThat(all.items().get(0).plan()).isNull(); // lists leave the plan out

    DecisionPage planA = store.list(new DecisionQuery("a", null, null, 0, 2));
    assertThat(planA.items()).extracting(Decision::decisionId).containsExactly("d-3", "d-2");
    assertThat(planA.total()).isEqualTo(3);
    DecisionPage planA2 = store.list(new DecisionQuery("a", null, null, 1, 2));
    assertThat(planA2.items()).extracting(Decision::decisionId).containsExactly("d-0");

    // approved are i = 0, 2, 4; since T0 + 2 min keeps 2 and 4
    DecisionPage approvedSince =
        store.list(new DecisionQuery(null, Verdict.APPROVED, T0.plusSeconds(120), 0, 50));
    assertThat(approvedSince.items())
        .extracting(Decision::decisionId)
        .containsExactly("d-4", "d-2");

    List<String> exported = new ArrayList<>();
    store.export(new DecisionQuery("b", null, null, 0, 1), d -> exported.add(d.decisionId()));
    assertThat(exported).containsExactly("d-1", "d-4");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theDatabaseRefusesToChangeOrRemoveADecision(Databases db) throws SQLException {
    DataSource ds = db.fresh();
    Decision d = decision("d-1", T0, "p", Verdict.REJECTED, "alice");
    store(ds).insert(d, d.plan().toString());

    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE decision SET verdict = 'APPROVED'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM decision"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
    assertThat(store(ds).find("d-1")).contains(d);
    // and a decision id is recorded once
    assertThatThrownBy(() -> store(ds).insert(d, d.plan().toString()))
        .isInstanceOf(DecisionStore.DecisionStoreException.class);
  }
}
