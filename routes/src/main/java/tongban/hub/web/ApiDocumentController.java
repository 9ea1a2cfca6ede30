package tongban.hub.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/** Serves the exchange API's OpenAPI document, written first and kept in {@code openapi/exchange-api.yaml}. */
@RestController
class ApiDocumentController {

    private static final Resource DOCUMENT = new ClassPathResource("openapi/exchange-api.yaml");
    private static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    @GetMapping("/api/v1/openapi.yaml")
    ResponseEntity<Resource> document() {
        // YAML is UTF-8 by its specification, but a client that is not told reads the Chinese as Latin-1
        return ResponseEntity.ok().contentType(YAML).body(DOCUMENT);
    }
}
