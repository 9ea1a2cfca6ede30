package tongban.mocks;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.nio.file.Path;

/**
 * One department system we do not own, played by WireMock with the stubs under
 * {@code mocks/<department>/} (on the classpath as {@code stubs/<department>/}).
 * The runnable demo and the tests start departments through this class, so they never drift apart.
 */
public final class MockDepartment {

    /**
     * When set, stubs are read from {@code <dir>/<department>/} on disk instead of the classpath:
     * the demo points it at the checkout's {@code mocks/} folder, so an edited stub needs no rebuild
     * (and WireMock cannot read stubs from inside a Spring Boot fat jar anyway).
     */
    public static final String STUBS_DIR_PROPERTY = "tongban.mocks.dir";

    private MockDepartment() {
    }

    /** Starts the department's stubs on {@code port} (0 picks a free port). */
    public static WireMockServer start(String department, int port) {
        return start(department, port, true);
    }

    /**
     * @param journal whether to record requests; tests want it (to prove a department was or was not called),
     *                a long-running demo or benchmark does not (it would only grow).
     */
    public static WireMockServer start(String department, int port, boolean journal) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .port(port)
                .bindAddress("127.0.0.1")
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16);
        String stubsDir = System.getProperty(STUBS_DIR_PROPERTY);
        if (stubsDir != null) {
            options.usingFilesUnderDirectory(Path.of(stubsDir, department).toString());
        } else {
            options.usingFilesUnderClasspath("stubs/" + department);
        }
        if (!journal) {
            options.disableRequestJournal();
        }
        if ("tax".equals(department)) {
            // the tax bureau sits behind a signing API gateway; its stubs only see requests that passed it
            options.extensions(new ApiGatewaySignatureCheck(ApiGatewaySignatureCheck.DEMO_APP_KEY,
                    ApiGatewaySignatureCheck.DEMO_APP_SECRET));
        }
        WireMockServer server = new WireMockServer(options);
        server.start();
        if (server.listAllStubMappings().getMappings().isEmpty()) {
            server.stop();
            throw new IllegalArgumentException("No stubs found for department '" + department
                    + "' (expected mocks/" + department + "/mappings/*.json)");
        }
        return server;
    }
}
