package dev.baton.server.api;

import dev.baton.server.ApiError;
import dev.baton.server.BatonServer;
import io.javalin.http.Context;

/** Request bodies, size-checked before they are read. */
final class Bodies {
    private Bodies() {}

    static byte[] bytes(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > BatonServer.MAX_BODY_BYTES) {
            throw ApiError.tooLarge("the body is " + declared + " bytes; the limit is " + BatonServer.MAX_BODY_BYTES
                    + ". Put large material in a file in the repository and refer to it");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > BatonServer.MAX_BODY_BYTES) {
            throw ApiError.tooLarge("the body is larger than " + BatonServer.MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }
}
