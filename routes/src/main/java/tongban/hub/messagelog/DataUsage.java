package tongban.hub.messagelog;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** 数据使用记录 — who used a person's data, when, for what and for which case; read from the message log. */
@Component
public class DataUsage {

    /** One use of the person's data. */
    public record Use(Instant at, String client, String department, String service, String caseId, String outcome,
                      String requestId) {
    }

    private final MessageLog log;
    private final MessageLogStore store;
    private final MessageLogProperties.Archive archive;

    DataUsage(MessageLog log, MessageLogStore store, MessageLogProperties properties) {
        this.log = log;
        this.store = store;
        this.archive = properties.archive();
    }

    /**
     * What the trail covers, said plainly: the online period; older uses are in the archives, kept for their period,
     * and given on request — they are not lost, only not online.
     */
    public String coverage() {
        return "此处列出近 " + archive.retention().toDays() + " 天的数据使用记录；更早的记录已归档保存 "
                + archive.archiveRetention().toDays() / 365 + " 年，如需查询，可拨打 12345 或到政务服务中心申请。";
    }

    /** The latest uses of the data of the person with this resident id number, newest first. */
    public List<Use> of(String idNumber, int limit) {
        return store.bySubject(log.subjectRef(idNumber), limit).stream()
                .map(e -> new Use(e.at(), e.clientId(), e.department(), e.service(), e.caseId(), e.outcome(),
                        e.requestId()))
                .toList();
    }
}
