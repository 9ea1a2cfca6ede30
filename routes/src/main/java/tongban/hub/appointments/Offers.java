package tongban.hub.appointments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tongban.hub.cases.Applications;
import tongban.hub.cases.Cases;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** What may be booked: an item (by 实施编码) or a bundle (by id), known by its file's name and its title. */
interface Offers {

    /** An item or bundle as a booking keeps it: its file's name (as the halls file names it) and its title. */
    record Offered(String fileId, String title) {
    }

    Optional<Offered> find(String kind, String id);

    /** The names of every item and bundle file. */
    Set<String> fileIds();

    /** The items and bundles the portal offers. */
    @Configuration(proxyBeanMethods = false)
    class FromCases {

        @Bean
        Offers offers(Cases cases, Applications applications) {
            return new Offers() {
                @Override
                public Optional<Offered> find(String kind, String id) {
                    String fileId = "item".equals(kind) ? applications.items().stream()
                            .filter(i -> i.code().equals(id)).map(Applications.Item::id).findFirst().orElse(null) : id;
                    return fileId == null ? Optional.empty()
                            : cases.offer(kind, id).map(o -> new Offered(fileId, o.title()));
                }

                @Override
                public Set<String> fileIds() {
                    Set<String> ids = new HashSet<>();
                    applications.items().forEach(i -> ids.add(i.id()));
                    applications.bundles().forEach(b -> ids.add(b.id()));
                    return ids;
                }
            };
        }
    }
}
