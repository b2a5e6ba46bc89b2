package dev.llmadvisor.governance;

import java.util.List;

/** One page of the decision log, newest first; {@code total} counts every match. */
public record DecisionPage(List<Decision> items, int page, int size, long total) {}
