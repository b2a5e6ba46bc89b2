package dev.llmadvisor.rules;

/**
 * The one sample ruleset tests write instead of the shipped rules: a few rules on {@code
 * Parallelism} that compile in a fraction of the time the shipped ones take. Tests that need a
 * broken or different rule derive it from these by a replacement, so the rule's shape is written
 * once.
 */
public final class SampleRules {
  private SampleRules() {}

  /** Three lines: a rule appended after it starts on line 4 (line 5 after a blank line). */
  public static final String HEADER =
      """
      package policy.test;
      import dev.llmadvisor.plan.DeploymentPlan.Parallelism;
      import function dev.llmadvisor.rules.Findings.finding;
      """;

  /** TEST-TP, a WARNING finding on tensor parallelism above eight; its condition is line 5. */
  public static final String TP_ABOVE_EIGHT =
      """
      rule "Tensor parallelism above eight is flagged"
        @id("TEST-TP") @severity("WARNING") @category("parallelism")
        @remediation("Lower it.") @reference("a; b")
      when
        Parallelism( tensor > 8 )
      then
        insert(finding(drools, "too wide"));
      end
      """;

  /** The condition of {@link #TP_ABOVE_EIGHT}, which tests edit to break or change the rule. */
  public static final String TP_CONDITION = "tensor > 8";

  /** TEST-WIDE, a derivation that declares and inserts {@code WideTensor}. */
  public static final String WIDE_TENSOR_DERIVATION =
      """
      declare WideTensor
        tensor : int
      end

      rule "Wide tensor parallelism is recorded"
        @id("TEST-WIDE") @derives("WideTensor") @category("parallelism") @reference("c")
      when
        Parallelism( $tp : tensor > 8 )
      then
        insert(new WideTensor($tp));
      end
      """;

  /** A whole file: {@link #HEADER}, a blank line and {@link #TP_ABOVE_EIGHT} (rule on line 5). */
  public static final String TP_FILE = HEADER + "\n" + TP_ABOVE_EIGHT;

  /**
   * A whole file whose one finding rule, TEST-NEVER-FIRES (INFO, "Tensor parallelism of a thousand
   * is flagged", line 5), no plan a fixture holds can fire.
   */
  public static final String NEVER_FIRES_FILE =
      TP_FILE
          .replace("above eight", "of a thousand")
          .replace("TEST-TP", "TEST-NEVER-FIRES")
          .replace("WARNING", "INFO")
          .replace(TP_CONDITION, "tensor > 1000");

  /**
   * A whole file whose derivation rule inserts a finding, which only finding rules may do, for
   * every plan.
   */
  public static final String RAISING_DERIVATION_FILE =
      HEADER
          + WIDE_TENSOR_DERIVATION
              .replace("insert(new WideTensor($tp));", "insert(finding(drools, \"too wide\"));")
              .replace("tensor > 8 )", "tensor )");
}
