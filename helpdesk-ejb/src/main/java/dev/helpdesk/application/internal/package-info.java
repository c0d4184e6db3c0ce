/** Implementation pieces of the application services; not called from the web layer. */
package dev.helpdesk.application.internal;
