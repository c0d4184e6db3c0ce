package dev.helpdesk.domain.model.routing;

/** A rule that cannot run: which part ({@code field}, e.g. "conditions[1].values") and why. */
public class RuleException extends IllegalArgumentException {
  private final String field;

  public RuleException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
