package tongban.hub.catalogue;

/**
 * One service item in the hub's copy of the catalogue.
 *
 * @param version the sync run that added it or last changed it
 */
public record CatalogueItem(String implementationCode, String basicCode, String name, String category,
                            String department, String sourceUpdatedAt, int version) {
}
