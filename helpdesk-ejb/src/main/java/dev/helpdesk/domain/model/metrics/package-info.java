/**
 * Response-time metrics: the facts recorded as things happen ({@link
 * dev.helpdesk.domain.model.metrics.MetricFact}: a first or next response, a resolution), with the
 * dimensions reports group by. Definitions: docs/metrics.md. The service that records them is
 * {@code application.internal.MetricFacts}; reports are {@code application.Metrics}.
 */
package dev.helpdesk.domain.model.metrics;
