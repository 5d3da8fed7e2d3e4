package io.lockstep.c2.api;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every request body as it is read, however it is framed: {@link RequestSizeFilter} refuses a
 * declared Content-Length early, but a chunked body declares none, so the bytes themselves are counted here
 * against the limit the filter chose for the path.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    /** Request property holding the byte limit for the body; set by {@link RequestSizeFilter}. */
    static final String LIMIT_PROPERTY = "io.lockstep.c2.api.body-limit";
    static final String PATH_PROPERTY = "io.lockstep.c2.api.body-path";

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getProperty(LIMIT_PROPERTY) instanceof Long limit) {
            context.setInputStream(new ByteArrayInputStream(readAtMost(context.getInputStream(), limit,
                    String.valueOf(context.getProperty(PATH_PROPERTY)))));
        }
        return context.proceed();
    }

    private static byte[] readAtMost(InputStream in, long limit, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                throw tooLarge(path, limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static ProblemException tooLarge(String path, long limit) {
        return new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                "Request body too large", "the body of " + path + " may be at most " + limit + " bytes"));
    }
}
