package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.BatonException;
import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.InvalidInputException;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import dev.baton.server.auth.AccessControl;
import dev.baton.server.auth.Principal;
import dev.baton.view.DecisionView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/decisions}: the pending questions (or all, by status), one decision, and the answers
 * ({@code POST .../approve}, {@code POST .../reject} with {@code {"why": "..."}}, required to
 * reject). Answering needs the write scope, like every POST.
 */
public final class DecisionRoutes {
    private static final Set<String> FIELDS = Set.of("why");
    private static final int MAX_LIST = 1000;

    private final Baton baton;

    public DecisionRoutes(Baton baton) {
        this.baton = baton;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/decisions", this::list);
        routes.get("/api/decisions/{id}", ctx -> JsonSupport.respond(ctx, DecisionView.of(find(ctx))));
        routes.post("/api/decisions/{id}/approve", ctx -> answer(ctx, true));
        routes.post("/api/decisions/{id}/reject", ctx -> answer(ctx, false));
    }

    private void list(Context ctx) {
        Set<DecisionStatus> statuses = EnumSet.noneOf(DecisionStatus.class);
        String status = ctx.queryParam("status");
        if (status == null || status.isBlank()) {
            statuses.add(DecisionStatus.PENDING);
        } else if (!status.equals("all")) {
            for (String name : status.split(",")) {
                try {
                    statuses.add(DecisionStatus.fromWire(name.strip()));
                } catch (InvalidInputException e) {
                    throw ApiError.badRequest("status: " + e.getMessage() + ", or all");
                }
            }
        }
        int limit = Params.intParam(ctx, "limit", 100, 1, MAX_LIST);
        JsonSupport.respond(
                ctx,
                Map.of(
                        "decisions",
                        baton.decisions().list(statuses, limit).stream()
                                .map(DecisionView::of)
                                .toList()));
    }

    private Decision find(Context ctx) {
        DecisionId id;
        try {
            id = DecisionId.of(ctx.pathParam("id"));
        } catch (BatonException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return baton.decisions().get(id);
    }

    private void answer(Context ctx, boolean approve) {
        Decision decision = find(ctx);
        String why = null;
        if (ctx.bodyAsBytes().length > 0) {
            why = JsonBody.read(ctx, FIELDS).string("why", Decision.MAX_REASON_CHARS);
        }
        if (!approve && (why == null || why.isBlank())) {
            throw ApiError.badRequest("say why the decision is rejected: {\"why\": \"...\"}");
        }
        if (!decision.isPending()) {
            throw ApiError.conflict("decision " + decision.id() + " is already "
                    + decision.status().wireName() + " (by " + decision.answeredBy() + ")");
        }
        String by = who(ctx);
        Decision answered;
        try {
            answered = approve
                    ? baton.decisions().approve(decision.id(), by, why)
                    : baton.decisions().reject(decision.id(), by, why);
        } catch (InvalidInputException answeredMeanwhile) {
            throw ApiError.conflict(answeredMeanwhile.getMessage());
        }
        JsonSupport.respond(ctx, DecisionView.of(answered));
    }

    /** Who answers: the token's id, or the local user of a loopback server without tokens. */
    public static String who(Context ctx) {
        Principal principal = ctx.attribute(AccessControl.PRINCIPAL);
        if (principal == null || principal.tokenId() == null) return "api:local";
        return "api:token " + principal.tokenId();
    }
}
