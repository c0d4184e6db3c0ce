package dev.helpdesk.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API: everything under {@code /api}; version 1 under {@code /api/v1}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Helpdesk API",
            version = "1",
            description =
                "Tickets, contacts, staff and the API channel. Errors are RFC 9457 problem+json."),
    security = @SecurityRequirement(name = "token"))
@SecurityScheme(
    securitySchemeName = "token",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "An API token from POST /api/v1/auth/tokens; the web UI uses its session cookie and X-CSRF-Token instead")
public class RestApplication extends Application {}
