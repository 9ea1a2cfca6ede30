package tongban.hub.exchange.callbacks;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Acts on a department's notice inside the transaction that records it: what it changes is committed with the
 * notice or not at all, and a listener that refuses the notice ({@link tongban.hub.exchange.ExchangeFailure}) refuses
 * it to the department, with nothing recorded or published.
 */
public interface NoticeListener {

    /**
     * @param event the canonical event (its {@code data} holds the notice's canonical fields)
     * @return the case the notice was about, for its message-log entry, or null
     */
    String received(String department, String callback, ObjectNode event);
}
