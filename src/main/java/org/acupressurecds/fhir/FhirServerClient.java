package org.acupressurecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads what the EHR did not prefetch from its FHIR server, with the access token the EHR gave. Searches follow
 * Bundle.link[next] up to a page limit, and only on the same server, so the token never leaves it.
 */
public final class FhirServerClient {

    /** Why a key could not be fetched; the message names no patient data, as it may be logged. */
    public static class FetchFailed extends Exception {
        FetchFailed(String message) {
            super(message);
        }
    }

    private final FhirContext fhir;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxPages;

    public FhirServerClient(FhirContext fhir, Duration timeout, int maxPages) {
        this.fhir = fhir;
        this.timeout = timeout;
        this.maxPages = maxPages;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs {@code base/relative}; with allPages, a search Bundle comes back with the entries of all its pages. */
    public IBaseResource get(String base, String relative, String bearerToken, boolean allPages) throws FetchFailed {
        String root = base.endsWith("/") ? base : base + "/";
        IBaseResource first = read(uri(root + relative), bearerToken);
        if (!allPages || !(first instanceof Bundle bundle)) {
            return first;
        }
        Bundle page = bundle;
        for (int pages = 1; page.getLink(Bundle.LINK_NEXT) != null; pages++) {
            String next = page.getLink(Bundle.LINK_NEXT).getUrl();
            if (pages >= maxPages) {
                throw new FetchFailed("more than " + maxPages + " pages of results");
            }
            if (next == null || !next.startsWith(root)) {
                throw new FetchFailed("the next page is on another server");
            }
            if (!(read(uri(next), bearerToken) instanceof Bundle nextPage)) {
                throw new FetchFailed("a next page is not a Bundle");
            }
            bundle.getEntry().addAll(nextPage.getEntry());
            page = nextPage;
        }
        bundle.getLink().removeIf(link -> Bundle.LINK_NEXT.equals(link.getRelation()));
        return bundle;
    }

    private static URI uri(String text) throws FetchFailed {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("a page address is not a valid URL");
        }
    }

    private IBaseResource read(URI uri, String bearerToken) throws FetchFailed {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/fhir+json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new FetchFailed("the FHIR server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new FetchFailed("the FHIR server answered HTTP " + response.statusCode());
        }
        try {
            return parser().parseResource(response.body());
        } catch (RuntimeException e) { // HAPI throws more than DataFormatException on odd JSON
            throw new FetchFailed("the FHIR server's answer is not FHIR R4 JSON");
        }
    }

    private IParser parser() {
        // Parsers are not thread-safe and cheap to make; the lenient handler must not log: it would echo data.
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }
}
