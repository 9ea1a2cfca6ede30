package tongban.adapters.support;

import java.util.Locale;

/**
 * The one naming convention for what each environment sets about a department: {@code tongban.departments.
 * <department>.<name>} — {@code url}, {@code timeout-ms}, {@code connect-timeout-ms}, and the secrets its auth style
 * needs ({@code api-key}, {@code app-key}, {@code app-secret}) — or, as environment variables,
 * {@code TONGBAN_DEPARTMENTS_<DEPARTMENT>_<NAME>}, dashes as underscores (Spring reads both).
 */
public final class DepartmentSettings {

    private DepartmentSettings() {
    }

    /** {@code tongban.departments.<department>.<name>}. */
    public static String of(String department, String name) {
        return "tongban.departments." + department + "." + name;
    }

    /** {@code tongban.departments.tax.app-secret} → {@code TONGBAN_DEPARTMENTS_TAX_APP_SECRET}. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
