package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.adapters.support.ResidentIdNumber;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.halls.Halls;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applying for an item or a bundle, and what the applicant and window staff do with a case afterwards. What the
 * department decides arrives as its notices ({@link CaseNotices}); parts go out through {@link CaseDispatcher}.
 */
@Service
class CaseService {

    static final String ONLINE = "ONLINE";
    static final String WINDOW = "WINDOW";
    private static final Set<String> CHANNELS = Set.of(ONLINE, "MOBILE", WINDOW, "HOTLINE");

    /** An application: an item (by 实施编码) or a bundle (by id), the form, the materials to fetch instead. */
    record Application(String item, String bundle, JsonNode form, List<String> consents, String applicantIdNumber,
                       String applicantName, String channel, boolean forEnterprise, boolean pledged,
                       Delivery delivery) {
    }

    /** Who applies: the person, their account (null for a walk-in), the enterprise they act for, channel, window. */
    private record Applicant(String subject, String name, String idNumber, Caller.LegalPerson enterprise,
                             String channel, String window, String receivedWindow, String receivedBy, String actor) {

        Applicant handledAt(String handlingWindow) {
            return new Applicant(subject, name, idNumber, enterprise, channel, handlingWindow, receivedWindow,
                    receivedBy, actor);
        }
    }

    /** What one case of the application follows: its part of the bundle (null for a single item) and its item. */
    private record Planned(Applications.Part part, Applications.Item item, ItemLimits.ItemFacts facts) {
    }

    private final Applications applications;
    private final CaseStore store;
    private final CaseProgress progress;
    private final CaseLog log;
    private final ItemLimits limits;
    private final CaseDispatcher dispatcher;
    private final CasesProperties properties;
    private final ServiceRegistry registry;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Commitments commitments;
    private final Halls halls;
    private final DeliveryStore deliveries;

    CaseService(Applications applications, CaseStore store, CaseProgress progress, CaseLog log, ItemLimits limits,
                CaseDispatcher dispatcher, CasesProperties properties, ServiceRegistry registry, TransactionTemplate tx,
                ObjectMapper json, Commitments commitments, Halls halls, DeliveryStore deliveries) {
        this.deliveries = deliveries;
        this.halls = halls;
        this.commitments = commitments;
        this.applications = applications;
        this.store = store;
        this.progress = progress;
        this.log = log;
        this.limits = limits;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.registry = registry;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Takes an application: checks everything, reads the items' limits, then writes the case (and its parts),
     * the consents and the materials still to hand in, in one transaction.
     *
     * @return the case (the bundle's parent for a bundle)
     */
    CaseRecord apply(Caller caller, String callerName, Application application, String requestId) {
        Applicant applicant = applicant(caller, callerName, application);
        if ((application.item() == null) == (application.bundle() == null)) {
            throw CaseFailure.invalid("请选择一个事项或一件事", "name either an item (its implementation code) or a bundle");
        }
        Applications.Bundle bundle = null;
        List<Planned> planned = new ArrayList<>();
        Map<String, FormField> formDefinition;
        if (application.bundle() != null) {
            bundle = applications.bundle(application.bundle()).orElseThrow(() -> new CaseFailure(HttpStatus.NOT_FOUND,
                    "UNKNOWN_BUNDLE", "没有这个一件事", "there is no bundle '" + application.bundle() + "'"));
            for (Applications.Part part : bundle.parts()) {
                planned.add(new Planned(part, part.item(), null));
            }
            formDefinition = bundle.form();
        } else {
            Applications.Item item = applications.itemByCode(application.item()).orElseThrow(() -> new CaseFailure(
                    HttpStatus.NOT_FOUND, "ITEM_NOT_APPLICABLE", "该事项暂不支持在线申请",
                    "item " + application.item() + " cannot be applied for here"));
            planned.add(new Planned(null, item, null));
            formDefinition = item.form();
            if (item.commitment() != null && !application.pledged()) {
                throw new CaseFailure(HttpStatus.BAD_REQUEST, "PLEDGE_REQUIRED", "本事项实行告知承诺制，请阅读并勾选承诺书",
                        "item " + item.code() + " is approved on the applicant's pledge: send pledge: true");
            }
        }
        ObjectNode form = checkForm(formDefinition, application.form());
        Delivery delivery = application.delivery() == null ? Delivery.atHall() : application.delivery().checked();
        Map<String, Applications.SharedMaterial> consents = consents(application.consents(), planned, caller);
        List<Planned> withFacts = planned.stream()
                .map(p -> new Planned(p.part(), p.item(), limits.of(p.item().code()))).toList();
        Instant now = Instant.now();
        store.ensureCounter(LocalDate.ofInstant(now, BeijingTime.ZONE));
        Applications.Bundle chosen = bundle;
        Applicant routed = bundle != null ? atWindow(applicant, bundle.id(), false, bundle.title())
                : atWindow(applicant, withFacts.get(0).item().id(), withFacts.get(0).item().cityWide(),
                withFacts.get(0).facts().name());
        CaseRecord created = tx.execute(status -> {
            CaseRecord made = create(routed, chosen, withFacts, form, consents, now, requestId);
            deliveries.insert(made.caseNumber(), delivery);
            return made;
        });
        dispatcher.soon();
        return created;
    }

    private Applicant applicant(Caller caller, String callerName, Application application) {
        String channel = application.channel() == null ? null : application.channel().strip().toUpperCase();
        if (channel != null && !CHANNELS.contains(channel)) {
            throw CaseFailure.invalid("受理渠道不正确", "channel must be one of " + CHANNELS);
        }
        if (caller.isStaff()) {
            if (caller.serviceWindow() == null) {
                throw CaseFailure.forbidden("NO_SERVICE_WINDOW", "您的账号未分配窗口，不能受理办件",
                        "staff without a service_window cannot take in cases");
            }
            String idNumber = application.applicantIdNumber();
            String name = application.applicantName();
            if (idNumber == null || !ResidentIdNumber.isValid(idNumber)) {
                throw CaseFailure.invalid("请填写申请人的有效身份证号码",
                        "applicant.idNumber must be a valid 18-character resident id number");
            }
            if (name == null || name.isBlank() || name.length() > 50) {
                throw CaseFailure.invalid("请填写申请人姓名", "applicant.name is required (at most 50 characters)");
            }
            return new Applicant(null, name.strip(), idNumber, null, channel == null ? WINDOW : channel,
                    caller.serviceWindow(), caller.serviceWindow(), caller.username(), "staff:" + caller.username());
        }
        if (caller.isCitizen() && caller.idNumber() != null) {
            if (application.applicantIdNumber() != null && !application.applicantIdNumber().equals(caller.idNumber())) {
                throw CaseFailure.forbidden("NOT_OWN_APPLICATION", "只能以本人名义申请",
                        "a citizen applies in their own name only");
            }
            Caller.LegalPerson enterprise = null;
            if (application.forEnterprise()) {
                enterprise = caller.actingFor();
                if (enterprise == null) {
                    throw CaseFailure.forbidden("NOT_A_HANDLER", "您不是企业经办人，不能以企业名义申请",
                            "only an enterprise handler (acting_for) applies for an enterprise");
                }
            }
            return new Applicant(caller.subject(), callerName, caller.idNumber(), enterprise,
                    channel == null || WINDOW.equals(channel) ? ONLINE : channel, properties.onlineWindow(), null, null,
                    caller.username());
        }
        throw CaseFailure.forbidden("NOT_AN_APPLICANT", "只有实名认证的个人、企业经办人或窗口工作人员可以申请",
                "only a citizen (with an id number), an enterprise handler or window staff may apply");
    }

    /**
     * The window that handles what a window takes in: the receiving window itself when it takes the item or bundle
     * in (halls/halls.yaml), else — for a city-wide item (全城通办) — the first window of the city that does; anything
     * else is refused at this window. An online application keeps its online window.
     */
    private Applicant atWindow(Applicant who, String fileId, boolean cityWide, String title) {
        if (who.receivedWindow() == null) {
            return who;
        }
        Halls.Window window = halls.window(who.receivedWindow()).orElseThrow(() -> CaseFailure.forbidden(
                "NO_SERVICE_WINDOW", "您的窗口不在大厅名录中，请联系管理员", "window " + who.receivedWindow()
                        + " is not in halls/halls.yaml"));
        if (window.takes(fileId)) {
            return who;
        }
        if (cityWide) {
            return halls.windows().stream().filter(w -> w.takes(fileId)).findFirst()
                    .map(owner -> who.handledAt(owner.code()))
                    .orElseThrow(() -> notTakenHere(title, window));
        }
        throw notTakenHere(title, window);
    }

    private static CaseFailure notTakenHere(String title, Halls.Window window) {
        return new CaseFailure(HttpStatus.FORBIDDEN, "NOT_TAKEN_AT_WINDOW", window.fullName() + "不受理「" + title
                + "」，请到受理该事项的窗口办理", "window " + window.code() + " does not take this item in, and it is not "
                + "city-wide (全城通办)");
    }

    private ObjectNode checkForm(Map<String, FormField> definition, JsonNode given) {
        if (given != null && !given.isNull() && !given.isObject()) {
            throw CaseFailure.invalid("申请表格式不正确", "form must be an object of field → value");
        }
        ObjectNode form = json.createObjectNode();
        if (given != null && given.isObject()) {
            given.fieldNames().forEachRemaining(name -> {
                if (!definition.containsKey(name)) {
                    throw CaseFailure.invalid("申请表中有不认识的栏目", "form has no field '" + name + "' (fields: "
                            + definition.keySet() + ")");
                }
            });
        }
        definition.forEach((name, field) -> form.set(name, field.check(given == null ? null : given.get(name))));
        return form;
    }

    private Map<String, Applications.SharedMaterial> consents(List<String> given, List<Planned> planned, Caller caller) {
        Map<String, Applications.SharedMaterial> consents = new LinkedHashMap<>();
        for (String address : given == null ? List.<String>of() : given) {
            Applications.SharedMaterial material = planned.stream().flatMap(p -> p.item().shared().stream())
                    .filter(m -> m.address().equals(address)).findFirst().orElseThrow(() -> CaseFailure.invalid(
                            "授权的数据不是本事项需要的材料", "consent '" + address + "' names no material of this application"));
            int level = registry.find(material.department(), material.service()).orElseThrow().minimumLevel();
            if (!caller.isStaff() && caller.realNameLevel().level() < level) {
                throw CaseFailure.forbidden("REAL_NAME_LEVEL_TOO_LOW", "您的实名认证等级不足，不能授权共享「"
                        + material.material() + "」，请改为提交材料", address + " needs real-name level " + level);
            }
            consents.put(address, material);
        }
        return consents;
    }

    private CaseRecord create(Applicant who, Applications.Bundle bundle, List<Planned> planned, ObjectNode form,
                              Map<String, Applications.SharedMaterial> consents, Instant now, String requestId) {
        LocalDate today = LocalDate.ofInstant(now, BeijingTime.ZONE);
        String number = store.nextNumber(today);
        CaseProgress.Step submitted = new CaseProgress.Step(CaseStatus.SUBMITTED, null, null, null, now, who.actor(),
                requestId);
        if (bundle != null) {
            CaseRecord parent = newCase(number, null, bundle.id(), null, null, null, bundle.title(), null, who, form,
                    null, now, null);
            insert(parent, submitted, "申请「" + bundle.title() + "」");
            int n = 1;
            for (Planned p : planned) {
                ObjectNode partForm = json.createObjectNode();
                p.item().form().keySet().forEach(f -> {
                    if (form.has(f)) {
                        partForm.set(f, form.get(f));
                    }
                });
                CaseRecord part = newCase(number + "-" + String.format("%02d", n++), number, null, p.part().id(),
                        p.item().code(), p.item().id(), p.facts().name(), p.item().department(), who, partForm,
                        p.facts().promisedDays(), now, p.part().after().isEmpty() ? "READY" : "WAITING");
                insert(part, submitted, p.part().after().isEmpty() ? null : "等待前序事项办结");
                materials(part, p.item(), consents, who, now);
            }
            return parent;
        }
        Planned p = planned.get(0);
        CaseRecord single = newCase(number, null, null, null, p.item().code(), p.item().id(), p.facts().name(),
                p.item().department(), who, form, p.facts().promisedDays(), now,
                p.item().service() == null ? null : "READY");
        insert(single, submitted, null);
        materials(single, p.item(), consents, who, now);
        if (p.item().commitment() != null) {
            return commitments.approveOnPledge(single, p.item().commitment(), now, who.actor(), requestId, progress);
        }
        return single;
    }

    private CaseRecord newCase(String number, String parent, String bundle, String part, String itemCode, String item,
                               String title, String department, Applicant who, ObjectNode form, Integer promisedDays,
                               Instant now, String dispatch) {
        return CaseRecord.builder().caseNumber(number).parentNumber(parent).bundle(bundle).part(part)
                .itemCode(itemCode).item(item).title(title).department(department)
                .applicantSubject(who.subject()).applicantName(who.name()).applicantIdNumber(who.idNumber())
                .actingForUscc(who.enterprise() == null ? null : who.enterprise().creditCode())
                .actingForName(who.enterprise() == null ? null : who.enterprise().name())
                .channel(who.channel()).serviceWindow(who.window()).receivedWindow(who.receivedWindow())
                .receivedBy(who.receivedBy())
                .status(CaseStatus.SUBMITTED).formJson(form.toString()).promisedDays(promisedDays).submittedAt(now)
                .dispatch(dispatch).round(1).version(0)
                .build();
    }

    private void insert(CaseRecord c, CaseProgress.Step step, String note) {
        store.insert(c);
        store.addEvent(c.caseNumber(), step.at(), CaseStatus.SUBMITTED, note, step.actor(), step.requestId());
        log.changed(c, step);
    }

    /** Consent for the materials the applicant agreed to share; the others are to be handed in. */
    private void materials(CaseRecord c, Applications.Item item, Map<String, Applications.SharedMaterial> consents,
                           Applicant who, Instant now) {
        Set<String> recorded = new LinkedHashSet<>();
        for (Applications.SharedMaterial m : item.shared()) {
            if (consents.containsKey(m.address()) && recorded.add(m.address())) {
                store.giveConsent(c.caseNumber(), m.department(), m.service(), m.material(), now, who.actor());
            } else {
                store.putMaterial(c.caseNumber(), new CaseStore.Material(m.material(), "TO_HAND_IN", m.department(),
                        m.service(), null, null, null));
            }
        }
    }

    // ---- the applicant ----

    /** Withdraws the applicant's open case (every open part of a bundle). */
    CaseRecord withdraw(Caller caller, String caseNumber, String requestId) {
        return tx.execute(status -> {
            CaseRecord c = own(caller, caseNumber);
            Instant now = Instant.now();
            CaseProgress.Step step = new CaseProgress.Step(CaseStatus.WITHDRAWN, null, "申请人撤回", null, now,
                    caller.username(), requestId);
            if (c.status().isFinal()) {
                throw CaseFailure.conflict("办件已「" + c.status().words() + "」，不能撤回",
                        "case " + caseNumber + " is " + c.status() + " and cannot be withdrawn");
            }
            if (!c.isBundle()) {
                return progress.move(c, step);
            }
            for (CaseRecord part : store.parts(caseNumber)) {
                if (!part.status().isFinal()) {
                    progress.move(store.lock(part.caseNumber()).orElseThrow(), step);
                }
            }
            return store.find(caseNumber).orElseThrow();
        });
    }

    /** Answers a correction request: the changed fields, and the case (the parts asked) goes to its department again. */
    CaseRecord resubmit(Caller caller, String caseNumber, JsonNode changes, String requestId) {
        CaseRecord result = tx.execute(status -> {
            CaseRecord c = own(caller, caseNumber);
            if (c.status() != CaseStatus.CORRECTION_REQUESTED) {
                throw CaseFailure.conflict("办件不在待补正状态", "case " + caseNumber + " is " + c.status()
                        + "; only a case asked for a correction is resubmitted");
            }
            Map<String, FormField> definition = c.isBundle()
                    ? applications.bundle(c.bundle()).orElseThrow().form()
                    : applications.item(c.item()).orElseThrow().form();
            ObjectNode form = (ObjectNode) read(c.formJson());
            if (changes != null && changes.isObject()) {
                changes.fieldNames().forEachRemaining(name -> {
                    FormField field = definition.get(name);
                    if (field == null) {
                        throw CaseFailure.invalid("申请表中有不认识的栏目", "form has no field '" + name + "'");
                    }
                    form.set(name, field.check(changes.get(name)));
                });
            }
            Instant now = Instant.now();
            CaseProgress.Step step = new CaseProgress.Step(CaseStatus.SUBMITTED, null, null, null, now,
                    caller.username(), requestId);
            if (!c.isBundle()) {
                store.update(c.dispatched(c.dispatch(), c.submissionId(), c.departmentRef(), form.toString()));
                return progress.move(store.lock(caseNumber).orElseThrow(), step);
            }
            store.update(c.dispatched(null, null, null, form.toString()));
            for (CaseRecord part : store.parts(caseNumber)) {
                if (part.status() == CaseStatus.CORRECTION_REQUESTED) {
                    ObjectNode partForm = (ObjectNode) read(part.formJson());
                    partForm.fieldNames().forEachRemaining(f -> {
                        if (form.has(f)) {
                            partForm.set(f, form.get(f));
                        }
                    });
                    store.update(part.dispatched(part.dispatch(), part.submissionId(), part.departmentRef(), partForm.toString()));
                    progress.move(store.lock(part.caseNumber()).orElseThrow(), step);
                }
            }
            return store.find(caseNumber).orElseThrow();
        });
        dispatcher.soon();
        return result;
    }

    /** Takes back a consent while the material has not been fetched; the material is then to be handed in. */
    void revokeConsent(Caller caller, String caseNumber, String department, String service) {
        tx.executeWithoutResult(status -> {
            CaseRecord c = own(caller, caseNumber);
            List<CaseRecord> cases = c.isBundle() ? store.parts(caseNumber) : List.of(c);
            boolean revoked = false;
            for (CaseRecord one : cases) {
                if (one.status().isFinal()) {
                    continue;
                }
                var consent = store.consent(one.caseNumber(), department, service);
                if (consent.isPresent() && store.revokeConsent(one.caseNumber(), department, service, Instant.now())) {
                    store.putMaterial(one.caseNumber(), new CaseStore.Material(consent.get().material(), "TO_HAND_IN",
                            department, service, null, null, null));
                    store.addEvent(one.caseNumber(), Instant.now(), one.status(), "申请人撤回数据共享授权：「"
                            + consent.get().material() + "」改为提交材料", caller.username(), null);
                    revoked = true;
                }
            }
            if (!revoked) {
                throw new CaseFailure(HttpStatus.NOT_FOUND, "NO_SUCH_CONSENT", "没有可撤回的授权",
                        "case " + caseNumber + " has no standing consent for " + department + "/" + service
                                + " on an open case");
            }
        });
    }

    /** The applicant's own case (the person's, by id number, whichever channel it came by), locked. */
    private CaseRecord own(Caller caller, String caseNumber) {
        CaseRecord c = store.lock(caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
        if (c.parentNumber() != null || !caller.isCitizen() || caller.idNumber() == null
                || !c.applicantIdNumber().equals(caller.idNumber())) {
            throw CaseFailure.notFound(caseNumber);
        }
        return c;
    }

    // ---- window staff ----

    /** A window's decision on a case the window decides: accept, not accept, ask for a correction, finish. */
    CaseRecord decide(Caller caller, String caseNumber, CaseProgress.Step step) {
        return tx.execute(status -> {
            CaseRecord c = store.lock(caseNumber).orElseThrow(() -> CaseFailure.notFound(caseNumber));
            if (!caller.isStaff() || !c.serviceWindow().equals(caller.serviceWindow())) {
                throw CaseFailure.forbidden("CASE_NOT_AT_YOUR_WINDOW", "该办件不在您的窗口",
                        "case " + caseNumber + " is handled at another window");
            }
            if (c.isBundle() || c.dispatch() != null) {
                throw CaseFailure.conflict("该办件由部门审批，窗口不能代为决定",
                        "case " + caseNumber + " is decided by " + c.department() + ", not at the window");
            }
            return progress.move(c, step);
        });
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (Exception e) {
            throw new IllegalStateException("a stored form is not JSON", e);
        }
    }
}
