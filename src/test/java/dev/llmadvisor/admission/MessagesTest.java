package dev.llmadvisor.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The limits Kubernetes puts on webhook warnings, in bytes as the API server (Go) counts them. */
class MessagesTest {
  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aWarningOf256BytesIsKeptAndALongerOneIsCutTo256WithDots() {
    String exact = "a".repeat(256);
    assertThat(Messages.cut(exact)).isSameAs(exact);
    // 200 ASCII + 40 × "×" (2 bytes each) = 280 bytes: cut to 253 bytes + "..." = 256
    String mixed = "a".repeat(200) + "×".repeat(40);
    String cut = Messages.cut(mixed);
    assertThat(bytes(mixed)).isEqualTo(280);
    assertThat(cut).endsWith("...").startsWith("a".repeat(200));
    // 253 − 200 = 53 bytes left for "×": 26 of them (52 bytes), never half a character
    assertThat(cut).isEqualTo("a".repeat(200) + "×".repeat(26) + "...");
    assertThat(bytes(cut)).isEqualTo(255);
  }

  @Test
  void theListStopsBelow2048BytesAndCountsWhatIsLeftOut() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add("RULE-" + i + ": " + "x".repeat(292)); // cut to 256 bytes each
    }
    List<String> fitted = Messages.fit(many, "d-1");
    // 256 × 7 = 1,792 ≤ 2,048 − 120 = 1,928 < 256 × 8 = 2,048: seven, then the count
    assertThat(fitted).hasSize(8);
    assertThat(fitted.subList(0, 7)).allMatch(w -> bytes(w) == 256);
    assertThat(fitted.get(7)).isEqualTo("13 more warning(s): GET /api/v1/decisions/d-1");
    assertThat(fitted.stream().mapToInt(MessagesTest::bytes).sum()).isLessThanOrEqualTo(2048);
  }

  @Test
  void lineBreaksInAMessageBecomeSpaces() {
    assertThat(Messages.fit(List.of("A:\n  two\r\nlines"), null)).containsExactly("A: two lines");
  }

  @Test
  void namespaceGlobsMatchWholeNames() {
    Pattern p = AdmissionController.glob("*-prod");
    assertThat(p.matcher("team-prod").matches()).isTrue();
    assertThat(p.matcher("team-prod-2").matches()).isFalse();
    assertThat(AdmissionController.glob("prod").matcher("production").matches()).isFalse();
    assertThat(AdmissionController.glob("prod-*").matcher("prod-").matches()).isTrue();
    assertThat(AdmissionController.glob("a.b").matcher("axb").matches()).isFalse();
  }
}
