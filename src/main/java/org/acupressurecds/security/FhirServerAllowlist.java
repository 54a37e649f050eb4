package org.acupressurecds.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Whether a fhirServer from a hook call is one the service may fetch from, with the caller's token: exactly an
 * allowed entry's scheme, host and port, under its path. https only, unless the entry itself is http (tests). A path
 * with an encoded dot, slash or backslash is refused: a server could decode %2e%2e into ../ after the check.
 */
public final class FhirServerAllowlist {

    private FhirServerAllowlist() {
    }

    public static boolean allows(List<String> allowed, String fhirServer) {
        URI server = parse(fhirServer);
        if (server == null || server.getRawQuery() != null || server.getRawFragment() != null
                || server.getRawUserInfo() != null || fhirServer.contains("#") || fhirServer.contains("?")
                || !server.normalize().equals(server) // no ../ out of an allowed path
                || encodesPathSyntax(server.getRawPath())) {
            return false;
        }
        for (String entry : allowed) {
            if (entry.equals("*") ? "https".equals(server.getScheme()) || "http".equals(server.getScheme())
                    : matches(parse(entry), server)) {
                return true;
            }
        }
        return false;
    }

    private static boolean encodesPathSyntax(String rawPath) {
        String path = rawPath == null ? "" : rawPath.toLowerCase(Locale.ROOT);
        return path.contains("%2e") || path.contains("%2f") || path.contains("%5c");
    }

    private static boolean matches(URI entry, URI server) {
        if (entry == null || entry.getHost() == null || !entry.getScheme().equals(server.getScheme())
                || !"https".equals(entry.getScheme()) && !"http".equals(entry.getScheme())) {
            return false;
        }
        return entry.getHost().toLowerCase(Locale.ROOT).equals(server.getHost().toLowerCase(Locale.ROOT))
                && port(entry) == port(server)
                && underPath(path(entry), path(server));
    }

    private static boolean underPath(String entry, String server) {
        return server.equals(entry) || server.startsWith(entry.endsWith("/") ? entry : entry + "/");
    }

    /** The path without trailing slashes; "/" for none. */
    private static String path(URI uri) {
        String path = uri.normalize().getRawPath() == null ? "" : uri.normalize().getRawPath().replaceAll("/+$", "");
        return path.isEmpty() ? "/" : path;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static URI parse(String text) {
        try {
            URI uri = URI.create(text);
            return uri.isAbsolute() && uri.getHost() != null && uri.getPort() <= 65535 ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
