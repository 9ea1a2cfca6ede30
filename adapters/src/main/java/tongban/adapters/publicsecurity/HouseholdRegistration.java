package tongban.adapters.publicsecurity;

/**
 * 户籍信息 — a person's household registration (户口) as the population register keeps it.
 *
 * @param birthDate ISO date ({@code 1990-01-01})
 */
public record HouseholdRegistration(String name, String sex, String ethnicity, String birthDate,
                                    String registeredAddress, String householdNumber,
                                    String headOfHousehold, String relationToHead) {
}
