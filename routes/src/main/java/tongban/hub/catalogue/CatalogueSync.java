package tongban.hub.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.adapters.support.ServiceDefinition;
import tongban.hub.exchange.DepartmentCall;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.messagelog.Hashing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Copies the provincial item library's list into the hub's database. A run reads every page first; only then, in
 * one transaction, does it add, change and remove items — so a library that fails half-way changes nothing. A
 * malformed record is rejected with its reason and the rest go on; a run that would remove more than the
 * configured share of the catalogue is refused. Every run and every change is kept.
 */
@Service
public class CatalogueSync {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueSync.class);
    static final String LIBRARY = "item-library";
    static final String LIST = "items";
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{10,40}");

    private final ServiceRegistry registry;
    private final DepartmentCall departments;
    private final CatalogueStore store;
    private final TransactionTemplate tx;
    private final CatalogueProperties properties;
    private final ObjectMapper json;

    CatalogueSync(ServiceRegistry registry, DepartmentCall departments, CatalogueStore store, TransactionTemplate tx,
                  CatalogueProperties properties, ObjectMapper json) {
        this.registry = registry;
        this.departments = departments;
        this.store = store;
        this.tx = tx;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Runs one sync.
     *
     * @param trigger {@code SCHEDULE}, or who asked for it
     * @throws ExchangeFailure if the library could not be read completely (nothing is changed)
     */
    public SyncReport run(String trigger) {
        Instant started = Instant.now();
        List<JsonNode> rows = fetchAll();
        SyncReport report = tx.execute(status -> apply(trigger, started, rows));
        LOG.info("catalogue sync {} ({}): {} — {} seen, {} added, {} changed, {} removed, {} rejected{}",
                report.runNo(), trigger, report.outcome(), report.itemsSeen(), report.added(), report.changed(),
                report.removed(), report.rejected(), report.reason() == null ? "" : " — " + report.reason());
        return report;
    }

    private List<JsonNode> fetchAll() {
        ServiceDefinition list = registry.find(LIBRARY, LIST).orElseThrow(
                () -> new IllegalStateException("the item-library adapter offers no 'items' service"));
        List<JsonNode> rows = new ArrayList<>();
        for (int page = 1; page <= properties.maxPages(); page++) {
            JsonNode request = json.createObjectNode().put("page", page).put("pageSize", properties.pageSize());
            JsonNode result = json.valueToTree(departments.callOnce(list, request, "catalogue-sync-" + UUID.randomUUID()));
            JsonNode items = result.path("items");
            items.forEach(rows::add);
            if (items.isEmpty() || rows.size() >= result.path("total").asLong()) {
                return rows;
            }
        }
        LOG.warn("catalogue sync stopped after {} pages; the library kept paging", properties.maxPages());
        return rows;
    }

    private SyncReport apply(String trigger, Instant started, List<JsonNode> rows) {
        Map<String, String> existing = store.lockAndReadHashes();
        int runNo = store.nextRunNo();
        List<SyncReport.Change> changes = new ArrayList<>();
        Map<String, CatalogueItem> incoming = new LinkedHashMap<>();
        Set<String> rejectedCodes = new HashSet<>();
        for (JsonNode row : rows) {
            String problem = problemWith(row, incoming.keySet());
            String code = text(row, "implementationCode");
            if (problem != null) {
                changes.add(new SyncReport.Change(code, SyncReport.Kind.REJECTED, problem));
                if (code != null) {
                    rejectedCodes.add(code); // keep the copy we have rather than trust or drop a broken record
                }
                continue;
            }
            incoming.put(code, new CatalogueItem(code, text(row, "basicCode"), text(row, "name"),
                    text(row, "category"), text(row, "department"), text(row, "updatedAt"), runNo));
        }
        List<String> removed = existing.keySet().stream()
                .filter(code -> !incoming.containsKey(code) && !rejectedCodes.contains(code)).sorted().toList();
        Instant now = Instant.now();
        if (!existing.isEmpty() && removed.size() * 100L > (long) existing.size() * properties.maxRemovalPercent()) {
            SyncReport refused = new SyncReport(runNo, trigger, started, now, SyncReport.Outcome.REFUSED, rows.size(),
                    0, 0, 0, count(changes, SyncReport.Kind.REJECTED),
                    "would remove " + removed.size() + " of " + existing.size() + " items (more than "
                            + properties.maxRemovalPercent() + "%); nothing changed", changes);
            store.saveRun(refused);
            return refused;
        }
        for (CatalogueItem item : incoming.values()) {
            String hash = hash(item);
            String before = existing.get(item.implementationCode());
            if (before == null) {
                store.upsert(item, hash, false, now);
                changes.add(new SyncReport.Change(item.implementationCode(), SyncReport.Kind.ADDED, item.name()));
            } else if (!before.equals(hash)) {
                store.upsert(item, hash, true, now);
                changes.add(new SyncReport.Change(item.implementationCode(), SyncReport.Kind.CHANGED, item.name()));
            }
        }
        for (String code : removed) {
            store.delete(code);
            changes.add(new SyncReport.Change(code, SyncReport.Kind.REMOVED, null));
        }
        SyncReport report = new SyncReport(runNo, trigger, started, Instant.now(), SyncReport.Outcome.APPLIED,
                rows.size(), count(changes, SyncReport.Kind.ADDED), count(changes, SyncReport.Kind.CHANGED),
                count(changes, SyncReport.Kind.REMOVED), count(changes, SyncReport.Kind.REJECTED), null, changes);
        store.saveRun(report);
        return report;
    }

    /** @return why the record cannot be taken, or null if it can */
    private static String problemWith(JsonNode row, Set<String> codesSoFar) {
        String code = text(row, "implementationCode");
        if (code == null) {
            return "no implementation code (实施编码)";
        }
        if (!CODE.matcher(code).matches()) {
            return "implementation code is not 10–40 capital letters and digits";
        }
        if (codesSoFar.contains(code)) {
            return "the same implementation code appears twice in the list";
        }
        if (text(row, "name") == null) {
            return "no item name (事项名称)";
        }
        if (text(row, "department") == null) {
            return "no implementing department (实施机构)";
        }
        for (String field : new String[]{"name", "department"}) {
            if (text(row, field).length() > 200) {
                return field + " is longer than 200 characters";
            }
        }
        String basic = text(row, "basicCode");
        if (basic != null && basic.length() > 40) {
            return "basic code is longer than 40 characters";
        }
        String category = text(row, "category");
        if (category != null && category.length() > 40) {
            return "category is longer than 40 characters";
        }
        return null;
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
    }

    private static String hash(CatalogueItem item) {
        String content = String.join("\u0000", nullToEmpty(item.basicCode()), item.name(),
                nullToEmpty(item.category()), item.department(), nullToEmpty(item.sourceUpdatedAt()));
        return Hashing.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int count(List<SyncReport.Change> changes, SyncReport.Kind kind) {
        return (int) changes.stream().filter(c -> c.kind() == kind).count();
    }
}
