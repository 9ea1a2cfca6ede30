package tongban.keycloak.broker;

import tongban.keycloak.support.RequiredStepFactory;

/** First broker login of the province: {@link LinkByVerifiedIdNumber}. */
public class LinkByVerifiedIdNumberFactory extends RequiredStepFactory {

    public static final String ID = "tongban-link-by-verified-id-number";

    public LinkByVerifiedIdNumberFactory() {
        super(ID, "Tongban: link by verified id number, or create",
                "Links a provincial identity to a local account only by a verified id number (both sides level 3 or "
                        + "more), never by e-mail or username; otherwise creates the account.",
                new LinkByVerifiedIdNumber());
    }
}
