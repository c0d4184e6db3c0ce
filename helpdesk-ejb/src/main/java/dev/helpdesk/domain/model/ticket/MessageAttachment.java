package dev.helpdesk.domain.model.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An attachment as one message carries it: its own file name, type and inline content id. */
@Entity
@Table(name = "message_attachment")
public class MessageAttachment {
  @Id
  @GeneratedValue(generator = "message_attachment_seq")
  @SequenceGenerator(
      name = "message_attachment_seq",
      sequenceName = "message_attachment_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "message_id")
  private Message message;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "attachment_id")
  private Attachment content;

  @Column(nullable = false)
  private String filename;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "content_id")
  private String contentId;

  protected MessageAttachment() {}

  public MessageAttachment(
      Message message, Attachment content, String filename, String contentType, String contentId) {
    this.message = message;
    this.content = content;
    this.filename = filename;
    this.contentType = contentType;
    this.contentId = contentId;
  }

  public Long getId() {
    return id;
  }

  public Attachment getContent() {
    return content;
  }

  public String getFilename() {
    return filename;
  }

  public String getContentType() {
    return contentType;
  }

  public String getContentId() {
    return contentId;
  }
}
