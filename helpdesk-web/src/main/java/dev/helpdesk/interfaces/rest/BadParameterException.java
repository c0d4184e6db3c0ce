package dev.helpdesk.interfaces.rest;

/** A query or path parameter that cannot be understood (HTTP 400). */
public class BadParameterException extends RuntimeException {
  private final String parameter;

  public BadParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String getParameter() {
    return parameter;
  }
}
