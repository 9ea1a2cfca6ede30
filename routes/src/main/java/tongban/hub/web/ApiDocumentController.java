package tongban.hub.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the exchange API's OpenAPI document, written first and kept in {@code openapi/exchange-api.yaml}. */
@RestController
class ApiDocumentController {

    private static final Resource DOCUMENT = new ClassPathResource("openapi/exchange-api.yaml");

    @GetMapping("/api/v1/openapi.yaml")
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(DOCUMENT);
    }
}
