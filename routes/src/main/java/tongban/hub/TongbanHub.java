package tongban.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** 通办 — the exchange hub: one REST API over every department system, one message log. */
@SpringBootApplication(scanBasePackages = {"tongban.hub", "tongban.adapters"})
@ConfigurationPropertiesScan
@EnableScheduling
public class TongbanHub {

    /**
     * Netty (under Artemis) stops using {@code sun.misc.Unsafe} on JDK 24 and later unless told otherwise, and its
     * cleaner for that case cannot free the direct buffers Artemis's NIO journal allocates: the embedded broker then
     * fails to load an existing journal — the hub could start once, but never again on the same data (seen on JDK 25
     * with Artemis 2.56 and Netty 4.2.18). Said before anything loads Netty; an explicit setting wins.
     */
    static final String NETTY_UNSAFE = "io.netty.noUnsafe";

    public static void main(String[] args) {
        if (System.getProperty(NETTY_UNSAFE) == null) {
            System.setProperty(NETTY_UNSAFE, "false");
        }
        SpringApplication.run(TongbanHub.class, args);
    }
}
