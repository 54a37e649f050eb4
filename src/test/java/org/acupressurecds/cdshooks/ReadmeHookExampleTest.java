package org.acupressurecds.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's CDS Hooks request is the OpenAPI example, which OpenApiTest sends and checks. */
class ReadmeHookExampleTest {

    @Test
    void theReadmesHookRequestIsTheDocumentedExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n{\n  \"hook\": \"patient-view\"");
        String block = readme.substring(start, readme.indexOf("\nEOF\n", start));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(CdsHooksResource.EXAMPLE), json.readTree(block));
    }
}
