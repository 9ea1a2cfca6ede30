package tongban.hub.messagelog;

/**
 * Told of every entry once it is committed (on the message log's writer thread: keep it quick and never throw).
 * Monitoring counts and times the exchange this way, from the same facts as the record.
 */
public interface RecordedEntryListener {

    void recorded(LogEntry entry);
}
