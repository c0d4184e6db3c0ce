package dev.helpdesk.interfaces.security;

import dev.helpdesk.interfaces.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code helpdesk.api.max-body-bytes} (default 10 MiB) with 413: at
 * once when Content-Length says so, otherwise as soon as a streamed body passes the limit.
 */
@Provider
@PreMatching
@Priority(100)
public class BodySizeFilter implements ContainerRequestFilter {
  static final long LIMIT = Long.getLong("helpdesk.api.max-body-bytes", 10L * 1024 * 1024);

  @Override
  public void filter(ContainerRequestContext ctx) {
    if (ctx.getLength() > LIMIT) {
      ctx.abortWith(
          Problems.response(413, tooLarge(), ctx.getUriInfo().getRequestUri().getPath(), null));
      return;
    }
    if (ctx.hasEntity()) {
      ctx.setEntityStream(new Limited(ctx.getEntityStream()));
    }
  }

  static String tooLarge() {
    return "request body is larger than " + LIMIT + " bytes";
  }

  /** Counts bytes as they are read and stops the request past the limit. */
  static final class Limited extends FilterInputStream {
    private long count;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) {
      count += n;
      if (count > LIMIT) {
        throw new WebApplicationException(tooLarge(), 413);
      }
    }
  }
}
