package org.acupressurecds.fhir;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads what the EHR did not prefetch from its FHIR server, with the access token the EHR gave. Searches follow
 * Bundle.link[next] up to a page limit, and only on the same server, so the token never leaves it. Each answer is
 * capped in size; the caller bounds the whole fetch in time, and several fetches run at once.
 */
public final class FhirServerClient {

    /** Why a key could not be fetched; the message names no patient data and nothing the server said. */
    public static class FetchFailed extends RuntimeException {
        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final FhirContext fhir;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxPages;
    private final long maxBytes;

    public FhirServerClient(FhirContext fhir, Duration timeout, int maxPages, long maxBytes, SSLContext tls,
            Executor executor) {
        this.fhir = fhir;
        this.timeout = timeout;
        this.maxPages = maxPages;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls).executor(executor).build();
    }

    /** GETs {@code base/relative}; with allPages, a search Bundle comes back with the entries of all its pages. */
    public CompletableFuture<IBaseResource> get(String base, String relative, String bearerToken, boolean allPages) {
        String root = base.endsWith("/") ? base : base + "/";
        CompletableFuture<IBaseResource> first;
        try {
            first = read(uri(root + relative), bearerToken);
        } catch (FetchFailed e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!allPages) {
            return first;
        }
        return first.thenCompose(resource -> resource instanceof Bundle bundle
                ? morePages(bundle, bundle, 1, root, bearerToken) : CompletableFuture.completedFuture(resource));
    }

    /**
     * A search Bundle the EHR sent (its first page) with the entries of its further pages, read from the same server
     * as {@link #get} reads them; it fails as {@link #get} does, past the page limit or on another server.
     */
    public CompletableFuture<IBaseResource> remainingPages(String base, Bundle first, String bearerToken) {
        return morePages(first, first, 1, base.endsWith("/") ? base : base + "/", bearerToken);
    }

    private CompletableFuture<IBaseResource> morePages(Bundle all, Bundle page, int pages, String root, String token) {
        if (page.getLink(Bundle.LINK_NEXT) == null) {
            all.getLink().removeIf(link -> Bundle.LINK_NEXT.equals(link.getRelation()));
            return CompletableFuture.completedFuture(all);
        }
        String next = page.getLink(Bundle.LINK_NEXT).getUrl();
        if (pages >= maxPages) {
            return CompletableFuture.failedFuture(new FetchFailed("more than " + maxPages + " pages of results"));
        }
        if (next == null || !next.startsWith(root)) {
            return CompletableFuture.failedFuture(new FetchFailed("the next page is on another server"));
        }
        try {
            return read(uri(next), token).thenCompose(resource -> {
                if (!(resource instanceof Bundle nextPage)) {
                    throw new FetchFailed("a next page is not a Bundle");
                }
                all.getEntry().addAll(nextPage.getEntry());
                return morePages(all, nextPage, pages + 1, root, token);
            });
        } catch (FetchFailed e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One FHIR GET, by a coarse outcome only: never the server, the patient or the query. */
    private static void fetched(long started, String outcome) {
        Timer.builder("cds.fhir.fetch").tag("outcome", outcome).description("FHIR GETs to EHRs' FHIR servers")
                .publishPercentileHistogram().register(Metrics.globalRegistry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("a page address is not a valid URL");
        }
    }

    private CompletableFuture<IBaseResource> read(URI uri, String bearerToken) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/fhir+json");
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("the FHIR server could not be reached");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = http.sendAsync(request.build(), info -> new Capped(maxBytes, info));
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("the FHIR server could not be reached");
        }
        long started = System.nanoTime();
        return response.handle((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                fetched(started, cause instanceof FetchFailed ? "too_large" : "unreachable");
                throw cause instanceof FetchFailed fetch ? fetch : new FetchFailed("the FHIR server could not be reached");
            }
            if (answer.statusCode() != 200) {
                fetched(started, "http_error");
                throw new FetchFailed("the FHIR server answered HTTP " + answer.statusCode());
            }
            try {
                IBaseResource resource = parser().parseResource(new String(answer.body(), StandardCharsets.UTF_8));
                fetched(started, "ok");
                return resource;
            } catch (RuntimeException e) { // HAPI throws more than DataFormatException on odd JSON
                fetched(started, "not_fhir");
                throw new FetchFailed("the FHIR server's answer is not FHIR R4 JSON");
            }
        });
    }

    private IParser parser() {
        // Parsers are not thread-safe and cheap to make; the lenient handler must not log: it would echo data.
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }

    /** A body collected up to a size limit: past it, the download is cancelled and the fetch fails. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long received;

        Capped(long max, HttpResponse.ResponseInfo info) {
            this.max = max;
            if (info.headers().firstValueAsLong("Content-Length").orElse(0) > max) {
                tooLarge();
            }
            bytes.getBody().whenComplete((result, failure) -> {
                if (failure != null) {
                    body.completeExceptionally(failure);
                } else {
                    body.complete(result);
                }
            });
        }

        private void tooLarge() {
            body.completeExceptionally(new FetchFailed("the FHIR server's answer is larger than "
                    + max / (1024 * 1024) + " MB"));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (body.isDone()) {
                s.cancel();
            } else {
                bytes.onSubscribe(s);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            received += items.stream().mapToLong(ByteBuffer::remaining).sum();
            if (received > max) {
                subscription.cancel();
                tooLarge();
            } else if (!body.isDone()) {
                bytes.onNext(items);
            }
        }

        @Override
        public void onError(Throwable failure) {
            bytes.onError(failure);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }
    }
}
