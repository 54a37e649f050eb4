package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.acupressurecds.cdshooks.CardLedger.FeedbackRecord;
import org.acupressurecds.cdshooks.CardLedger.IssuedCard;
import org.acupressurecds.cdshooks.CdsJson.Card;
import org.acupressurecds.cdshooks.CdsJson.Coding;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.cdshooks.CdsJson.Discovery;
import org.acupressurecds.cdshooks.CdsJson.Feedback;
import org.acupressurecds.cdshooks.CdsJson.FeedbackRequest;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.cdshooks.CdsJson.Link;
import org.acupressurecds.cdshooks.CdsJson.ServiceDescription;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.security.CdsHooksAuth;
import org.acupressurecds.security.CdsHooksConfig;
import org.acupressurecds.web.PageLink;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The CDS Hooks 2.0 service: discovery, the patient-view hook, and feedback on the cards it returned. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsHooksResource {

    public static final String SERVICE_ID = "acupressure-mat-sciatica";
    private static final String HOOK = "patient-view";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final List<String> OUTCOMES = List.of("accepted", "overridden");
    private static final int MAX_COMMENT = 1000;

    static final ServiceDescription SERVICE = new ServiceDescription(HOOK,
            "Acupressure mat for sciatica",
            "May this patient with sciatica use an acupressure mat, and if so how? Checks red flags, recent spinal "
                    + "surgery and acute flares, then gives positions and a 6-week protocol.",
            SERVICE_ID,
            PrefetchResolver.TEMPLATES,
            "Reads the patient's active Conditions (ICD-10-CM, ICD-10, SNOMED CT or the " + CodeTable.FINDING_SYSTEM
                    + " CodeSystem), the newest pain score (LOINC 72514-3) and completed Procedures, prefetched or "
                    + "from the FHIR server with the access token given.");

    /** The most cautious answer first: the most severe verdict, then the lowest expected response. */
    private static final Comparator<Assessment> MOST_CAUTIOUS = Comparator.comparing(Assessment::verdict)
            .thenComparing(a -> a.expectedResponse() == null ? 0 : -a.expectedResponse().stars());

    private final RuleService rules;
    private final PrefetchResolver prefetch;
    private final CardLedger ledger;
    private final StrictBinder binder;
    private final FhirContext fhir;
    private final Clock clock;
    private final Optional<URI> pageBase;
    private final CdsHooksConfig hooks;
    private final ManagedExecutor worker;
    private final JsonBody json;

    CdsHooksResource(RuleService rules, PrefetchResolver prefetch, CardLedger ledger, StrictBinder binder,
            FhirContext fhir, Clock clock, @ConfigProperty(name = "cds.public-url") Optional<URI> pageBase,
            CdsHooksConfig hooks, ManagedExecutor worker, JsonBody json) {
        this.json = json;
        this.pageBase = pageBase;
        this.hooks = hooks;
        this.worker = worker;
        this.rules = rules;
        this.prefetch = prefetch;
        this.ledger = ledger;
        this.binder = binder;
        this.fhir = fhir;
        this.clock = clock;
    }

    @GET
    public Discovery discovery() {
        return new Discovery(List.of(SERVICE));
    }

    /**
     * Binding and the rules run on a worker thread; waiting for the EHR's FHIR server holds none, so slow servers
     * cannot starve the other endpoints of threads.
     */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Cards> call(@PathParam("id") String id, InputStream body, @Context RoutingContext http)
            throws IOException {
        requireService(id);
        HookRequest request = binder.bind(SpecTolerance.withoutUnused(json.read(body)), HookRequest.class,
                CdsHooksResource::problems);
        return prefetch.resolve(request, CdsHooksAuth.fhirServers(http, hooks))
                .thenApplyAsync(data -> decide(data), worker);
    }

    private Cards decide(Map<String, Prefetched> data) {
        LocalDate today = LocalDate.now(clock);
        RuleSet snapshot = rules.current(); // codes and rules of one version, whatever reloads meanwhile
        FhirReading reading;
        try {
            reading = new FhirPatientReader(snapshot.codes()).read(data, today);
        } catch (CodeTable.UnknownFindingCode e) {
            throw new InvalidRequestException(List.of(new FieldError("prefetch." + FhirPatientReader.CONDITIONS,
                    "holds an unknown code: " + e.getMessage())));
        }
        if (reading.conditionsUnavailable()) {
            return new Cards(List.of(CardRenderer.cannotCheck(reading.notes(), snapshot.version())));
        }
        if (!reading.hasSciatica()) {
            return new Cards(List.of());
        }
        Map<PatientFacts, Assessment> answers = new LinkedHashMap<>();
        reading.candidates().forEach(facts -> answers.put(facts, rules.assess(snapshot, facts)));
        Map.Entry<PatientFacts, Assessment> chosen = answers.entrySet().stream()
                .max(Map.Entry.comparingByValue(MOST_CAUTIOUS)).orElseThrow();
        Assessment answer = chosen.getValue();
        // The page's address is configured, never taken from the request's Host header.
        Card card = CardRenderer.render(answer, reading.notes(), pageBase.map(base -> new Link(
                "Open in the physiotherapist's page", PageLink.to(base, chosen.getKey()), "absolute")).orElse(null));
        ledger.issued(new IssuedCard(card.uuid(), answer.rulesetVersion(), answer.verdict(), Instant.now(clock),
                card.overrideReasons() == null ? List.of() : card.overrideReasons().stream().map(Coding::code).toList()));
        return new Cards(List.of(card));
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response feedback(@PathParam("id") String id, InputStream body) throws IOException {
        requireService(id);
        FeedbackRequest request = binder.bind(json.read(body), FeedbackRequest.class, this::problems);
        for (Feedback f : request.feedback()) {
            IssuedCard card = ledger.find(f.card()).orElseThrow();
            ledger.record(new FeedbackRecord(f.card(), f.outcome(),
                    f.overrideReason() == null || f.overrideReason().reason() == null ? null
                            : f.overrideReason().reason().code(),
                    card.rulesetVersion(), f.outcomeTimestamp()));
        }
        return Response.ok().build();
    }

    @ServerExceptionMapper
    public Response prefetchUnavailable(PrefetchResolver.Unavailable e) {
        return Response.status(412).type("application/fhir+json")
                .entity(fhir.newJsonParser().encodeResourceToString(e.outcome())).build();
    }

    private static void requireService(String id) {
        if (!SERVICE_ID.equals(id)) {
            throw new NotFoundException("No CDS service '" + id + "'; this server offers '" + SERVICE_ID + "'.");
        }
    }

    static List<FieldError> problems(HookRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (!HOOK.equals(r.hook())) {
            errors.add(new FieldError("hook", "must be " + HOOK + ", the hook this service answers", List.of(HOOK)));
        }
        if (r.hookInstance() == null || !isUuid(r.hookInstance())) {
            errors.add(new FieldError("hookInstance", "is required: a UUID"));
        }
        if (r.context() == null) {
            errors.add(new FieldError("context", "is required: userId and patientId"));
        } else {
            if (r.context().userId() == null || r.context().userId().isBlank()) {
                errors.add(new FieldError("context.userId", "is required"));
            }
            if (r.context().patientId() == null || !FHIR_ID.matcher(r.context().patientId()).matches()) {
                errors.add(new FieldError("context.patientId", "is required: a FHIR id (letters, digits, - and ., at most 64)"));
            }
        }
        if (r.fhirServer() != null && !isHttpUrl(r.fhirServer())) {
            errors.add(new FieldError("fhirServer", "must be an absolute http or https URL"));
        }
        if (r.fhirAuthorization() != null) {
            if (r.fhirAuthorization().accessToken() == null) {
                errors.add(new FieldError("fhirAuthorization.access_token", "is required"));
            }
            if (!"Bearer".equalsIgnoreCase(r.fhirAuthorization().tokenType())) {
                errors.add(new FieldError("fhirAuthorization.token_type", "must be Bearer", List.of("Bearer")));
            }
        }
        return errors;
    }

    private List<FieldError> problems(FeedbackRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.feedback() == null || r.feedback().isEmpty()) {
            errors.add(new FieldError("feedback", "is required: one entry or more"));
            return errors;
        }
        for (int i = 0; i < r.feedback().size(); i++) {
            Feedback f = r.feedback().get(i);
            String at = "feedback[" + i + "].";
            if (f == null) {
                errors.add(new FieldError("feedback[" + i + "]", "must be an object"));
                continue;
            }
            Optional<IssuedCard> card = f.card() == null ? Optional.empty() : ledger.find(f.card());
            if (card.isEmpty()) {
                errors.add(new FieldError(at + "card", "must be the uuid of a card this service returned"));
            }
            if (f.outcome() == null || !OUTCOMES.contains(f.outcome())) {
                errors.add(new FieldError(at + "outcome", "must be accepted or overridden", OUTCOMES));
            }
            if (f.overrideReason() != null && !"overridden".equals(f.outcome())) {
                errors.add(new FieldError(at + "overrideReason", "goes only with the outcome overridden"));
            } else if (f.overrideReason() != null) {
                Coding reason = f.overrideReason().reason();
                List<String> offered = card.map(IssuedCard::overrideReasons).orElse(List.of());
                if (reason != null && (!CardRenderer.OVERRIDE_SYSTEM.equals(reason.system())
                        || reason.code() == null || !offered.contains(reason.code()))) {
                    errors.add(new FieldError(at + "overrideReason.reason", "must be one of the card's overrideReasons",
                            offered));
                }
                String comment = f.overrideReason().userComment();
                if (comment != null && comment.length() > MAX_COMMENT) {
                    errors.add(new FieldError(at + "overrideReason.userComment", "must be at most " + MAX_COMMENT
                            + " characters"));
                }
            }
            if (f.acceptedSuggestions() != null && !f.acceptedSuggestions().isEmpty()) {
                errors.add(new FieldError(at + "acceptedSuggestions", "must be empty: this service's cards have no suggestions"));
            }
            if (f.outcomeTimestamp() == null || !isTimestamp(f.outcomeTimestamp())) {
                errors.add(new FieldError(at + "outcomeTimestamp", "is required: an ISO 8601 date-time with offset"));
            }
        }
        return errors;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
