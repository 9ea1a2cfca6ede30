package tongban.keycloak.broker;

import tongban.keycloak.support.RequiredStepFactory;

/** Post broker login of the province: {@link ApplyProvinceAssertion}. */
public class ApplyProvinceAssertionFactory extends RequiredStepFactory {

    public static final String ID = "tongban-apply-province-assertion";

    public ApplyProvinceAssertionFactory() {
        super(ID, "Tongban: apply what the province asserted",
                "The sign-in level (acr) as the province asserted it, never above; the level, name and mobile of "
                        + "accounts the province created; the enterprise of a legal-person login.",
                new ApplyProvinceAssertion());
    }
}
