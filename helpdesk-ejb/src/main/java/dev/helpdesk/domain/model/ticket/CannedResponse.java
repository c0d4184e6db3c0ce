package dev.helpdesk.domain.model.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A saved answer agents insert into the reply composer; its body may hold placeholders such as
 * {@code {{contact.name}}} or {@code {{order.number}}}, filled in from the ticket at insert time.
 */
@Entity
@Table(name = "canned_response")
public class CannedResponse {
  @Id
  @GeneratedValue(generator = "canned_response_seq")
  @SequenceGenerator(
      name = "canned_response_seq",
      sequenceName = "canned_response_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String title;

  @Column(nullable = false)
  private String body;

  @Column(nullable = false)
  private String language;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Version private long version;

  protected CannedResponse() {}

  public CannedResponse(String title, String body, String language) {
    this.title = title;
    this.body = body;
    this.language = language;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }
}
