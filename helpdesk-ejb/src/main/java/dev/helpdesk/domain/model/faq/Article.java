package dev.helpdesk.domain.model.faq;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/**
 * A knowledge-base article in one language. Translations of the same article share its {@code
 * slug}: (language, slug) is unique. Title, keywords and body are indexed with both languages'
 * analysers, so a question mixing Arabic and English words finds articles of either.
 */
@Entity
@Table(name = "faq_article")
@Indexed(index = "faq_article")
public class Article {
  @Id
  @GeneratedValue(generator = "faq_article_seq")
  @SequenceGenerator(
      name = "faq_article_seq",
      sequenceName = "faq_article_seq",
      allocationSize = 50)
  @GenericField(projectable = Projectable.YES)
  private Long id;

  @KeywordField(projectable = Projectable.YES)
  @Column(nullable = false)
  private String slug;

  @KeywordField
  @Column(nullable = false)
  private String language;

  @KeywordField(projectable = Projectable.YES)
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Category category;

  @FullTextField(
      name = "title_en",
      analyzer = "faq_en",
      searchAnalyzer = "faq_en_query",
      projectable = Projectable.YES)
  @FullTextField(
      name = "title_ar",
      analyzer = "faq_ar",
      searchAnalyzer = "faq_ar_query",
      projectable = Projectable.YES)
  @Column(nullable = false)
  private String title;

  @FullTextField(name = "keywords_en", analyzer = "faq_en", searchAnalyzer = "faq_en_query")
  @FullTextField(name = "keywords_ar", analyzer = "faq_ar", searchAnalyzer = "faq_ar_query")
  @Column(nullable = false)
  private String keywords;

  /** Sanitised HTML. */
  @Column(name = "body_html", nullable = false)
  private String bodyHtml;

  /** The body as plain text: what is searched, shown as a snippet and inserted into replies. */
  @FullTextField(
      name = "body_en",
      analyzer = "faq_en",
      searchAnalyzer = "faq_en_query",
      projectable = Projectable.YES)
  @FullTextField(
      name = "body_ar",
      analyzer = "faq_ar",
      searchAnalyzer = "faq_ar_query",
      projectable = Projectable.YES)
  @Column(name = "body_text", nullable = false)
  private String bodyText;

  @GenericField
  @Column(nullable = false)
  private boolean published;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Article() {}

  public Article(String slug, String language, Instant now) {
    this.slug = slug;
    this.language = language;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Replaces the content; {@code bodyHtml} must be sanitised already. */
  public void update(
      Category category,
      String title,
      String keywords,
      String bodyHtml,
      String bodyText,
      boolean published,
      Instant now) {
    this.category = category;
    this.title = title;
    this.keywords = keywords;
    this.bodyHtml = bodyHtml;
    this.bodyText = bodyText;
    this.published = published;
    this.updatedAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getSlug() {
    return slug;
  }

  public String getLanguage() {
    return language;
  }

  public Category getCategory() {
    return category;
  }

  public String getTitle() {
    return title;
  }

  public String getKeywords() {
    return keywords;
  }

  public String getBodyHtml() {
    return bodyHtml;
  }

  public String getBodyText() {
    return bodyText;
  }

  public boolean isPublished() {
    return published;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }
}
