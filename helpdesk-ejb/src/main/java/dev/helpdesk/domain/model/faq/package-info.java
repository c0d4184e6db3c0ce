/** The knowledge base: articles in several languages, what happens to them, what is missing. */
package dev.helpdesk.domain.model.faq;
