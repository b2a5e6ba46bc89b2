package dev.llmadvisor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmadvisor.plan.FieldError;
import java.util.List;

/** An error answer as RFC 9457 problem details, with the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://llm-deploy-advisor.dev/problems/";
}
