package tongban.hub.messagelog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The archive directory and key the archiving, the anchors and the verification share. */
@Configuration
class MessageLogArchiveConfiguration {

    @Bean
    ArchiveDirectory messageLogArchiveDirectory(MessageLogProperties properties) {
        return new ArchiveDirectory(properties.archive().directory());
    }

    @Bean
    ArchiveKey messageLogArchiveKey(MessageLogProperties properties) {
        return ArchiveKey.of(properties.archive().signingKey(), properties.archive().verifyKey());
    }
}
