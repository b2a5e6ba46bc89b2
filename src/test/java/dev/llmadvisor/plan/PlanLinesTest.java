package dev.llmadvisor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Field paths of a plan's text mapped to the lines a reviewer edits. */
class PlanLinesTest {
  static final String YAML =
      """
      name: merge
      model:
        id: acme/merge
        mergedFrom:
          - {id: a/one}
          - id: b/two
            licence: cc-by-nc-4.0
      engine: {maxModelLen: 8192}
      """;

  @Test
  void yamlFieldsNestedFieldsAndListElementsHaveTheirLines() {
    PlanLines lines = PlanLines.of(YAML, PlanReader.Format.YAML);

    assertThat(lines.lineOf("name")).isEqualTo(1);
    assertThat(lines.lineOf("model.id")).isEqualTo(3);
    assertThat(lines.lineOf("model.mergedFrom[0].id")).isEqualTo(5);
    assertThat(lines.lineOf("model.mergedFrom[1]")).isEqualTo(6);
    assertThat(lines.lineOf("model.mergedFrom[1].licence")).isEqualTo(7);
    assertThat(lines.lineOf("engine.maxModelLen")).isEqualTo(8);
  }

  @Test
  void aFieldTheTextLacksPointsAtItsNearestParent() {
    PlanLines lines = PlanLines.of(YAML, PlanReader.Format.YAML);

    assertThat(lines.lineOf("engine.gpuMemoryUtilization")).isEqualTo(8);
    assertThat(lines.lineOf("hardware.gpu")).isNull();
  }

  @Test
  void jsonWorksTheSameWay() {
    PlanLines lines =
        PlanLines.of(
            "{\n  \"model\": {\"id\": \"x\"},\n  \"hardware\": {\n    \"gpu\": \"H100\"\n  }\n}",
            PlanReader.Format.JSON);

    assertThat(lines.lineOf("model.id")).isEqualTo(2);
    assertThat(lines.lineOf("hardware.gpu")).isEqualTo(4);
  }
}
