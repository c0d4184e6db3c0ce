package dev.helpdesk.application;

import java.time.Instant;
import java.util.List;

/**
 * A message as the shopper's widget shows it.
 *
 * @param seq the message's sequence in the conversation (what the widget resumes from)
 * @param from {@code shopper}, {@code agent} or {@code bot} (automatic messages)
 * @param author the agent's display name, or the shopper's name
 * @param key the widget's idempotency key of a shopper's message, else null
 * @param status shopper messages: {@code delivered} or {@code read} (an agent opened them); agent
 *     messages: {@code sent}, {@code queued} or {@code failed}
 * @param article the FAQ article a bot message answers with (the widget offers "this answered my
 *     question"), else null
 * @param survey the token of the satisfaction survey a bot message offers (the widget shows a card
 *     with scores 1-5), else null
 */
public record ChatMessage(
    int seq,
    long id,
    String from,
    String author,
    String text,
    Instant at,
    String key,
    List<File> files,
    String status,
    Long article,
    String survey) {

  /** An attachment; {@code url} is a signed download link relative to the helpdesk. */
  public record File(String name, String type, long size, String url) {}
}
