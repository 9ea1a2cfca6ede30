package tongban.adapters;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots the adapters alone (Camel, CXF, Jackson) for route tests; the hub is not involved. */
@SpringBootApplication
public class AdapterTestApplication {
}
