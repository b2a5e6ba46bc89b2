package dev.llmadvisor.web;

/** What an error page says, with a link onwards. */
public record ErrorView(int status, String title, String detail, String back, Viewer viewer) {}
