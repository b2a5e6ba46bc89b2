package dev.llmadvisor.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.rules.Finding;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.rules.RuleKind;
import dev.llmadvisor.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * SARIF 2.1.0 for code scanning: every finding rule in {@code tool.driver.rules} with its help
 * text, one result per finding at the plan file and, where the plan has it, the line of the field
 * the finding is about.
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  static String render(List<Evaluated> plans, Rendering how) {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "llm-deploy-advisor");
    driver.put("version", plans.isEmpty() ? "" : plans.get(0).report().ruleset().version());
    List<String> ids = new ArrayList<>();
    ArrayNode rules = driver.putArray("rules");
    for (RuleInfo rule : how.rules()) {
      if (rule.kind() != RuleKind.FINDING) {
        continue;
      }
      ids.add(rule.id());
      ObjectNode d = rules.addObject();
      d.put("id", rule.id());
      d.putObject("shortDescription").put("text", rule.name());
      d.putObject("fullDescription").put("text", rule.name() + ". " + rule.remediation());
      d.putObject("help")
          .put("text", rule.remediation() + " References: " + String.join("; ", rule.references()))
          .put(
              "markdown",
              "**Remediation.** "
                  + rule.remediation()
                  + "\n\n**References.** "
                  + String.join("; ", rule.references())
                  + "\n\nDeclared at `"
                  + rule.location()
                  + "`.");
      d.putObject("defaultConfiguration").put("level", level(rule.severity(), how));
      ObjectNode props = d.putObject("properties");
      props.put("severity", rule.severity().name());
      props.put("category", rule.category());
      props.putArray("tags").add(rule.category());
      props.put("source", rule.location());
    }
    ArrayNode results = run.putArray("results");
    ArrayNode verdicts = MAPPER.createArrayNode();
    for (Evaluated e : plans) {
      Report r = e.report();
      for (Finding f : r.findings()) {
        ObjectNode result = results.addObject();
        result.put("ruleId", f.ruleId());
        int index = ids.indexOf(f.ruleId());
        if (index >= 0) {
          result.put("ruleIndex", index);
        }
        result.put("level", level(f.severity(), how));
        result.putObject("message").put("text", f.message());
        ObjectNode physical =
            result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", e.planUri());
        Integer line = e.lineOf(f.field());
        if (line != null) {
          physical.putObject("region").put("startLine", line);
        }
        ObjectNode props = result.putObject("properties");
        props.put("severity", f.severity().name());
        props.put("remediation", f.remediation());
        props.put("planName", r.planName());
        if (f.field() != null) {
          props.put("field", f.field());
        }
        props.put("state", f.state().label());
        if (f.waiver() != null) {
          props.put("waiverId", f.waiver().id());
          props.put("waiver", f.waiver().note());
        }
        if (!f.active()) {
          // Waived: kept, and marked suppressed by a decision made outside the plan file.
          ObjectNode suppression = result.putArray("suppressions").addObject();
          suppression.put("kind", "external");
          suppression.put("status", "accepted");
          suppression.put("justification", f.waiver().reason());
          ObjectNode sp = suppression.putObject("properties");
          sp.put("waiverId", f.waiver().id());
          sp.put("expiresAt", f.waiver().expiresAt().toString());
          if (f.waiver().ticket() != null) {
            sp.put("ticket", f.waiver().ticket());
          }
        }
      }
      verdicts
          .addObject()
          .put("plan", e.planUri())
          .put("planName", r.planName())
          .put("verdict", r.verdict().name())
          .put("decisionId", r.decisionId());
    }
    run.putArray("invocations").addObject().put("executionSuccessful", true);
    run.putObject("properties").set("plans", verdicts);
    try {
      return MAPPER.writeValueAsString(log);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a SARIF tree always serialises", e);
    }
  }

  /** {@code error} for what fails the gate, {@code warning} for warnings, {@code note} else. */
  static String level(Severity severity, Rendering how) {
    if (how.fails(severity)) {
      return "error";
    }
    return severity == Severity.INFO ? "note" : "warning";
  }
}
