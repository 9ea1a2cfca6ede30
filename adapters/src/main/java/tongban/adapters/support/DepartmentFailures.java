package tongban.adapters.support;

import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.binding.soap.SoapFault;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * Turns whatever a department call threw (HTTP client, CXF, our own mappers) into a
 * {@link DepartmentException}, so that every adapter fails the same way.
 */
public final class DepartmentFailures {

    private DepartmentFailures() {
    }

    /** Whether the call failed before anything reached the department (no connection could be made). */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** @return the classified failure, or {@code null} if {@code failure} is not about the department */
    public static RuntimeException classify(String department, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DepartmentException known) {
                return known;
            }
            if (t instanceof InvalidRequestException invalid) {
                return invalid;
            }
            if (t instanceof AnswerTooLargeException) {
                return new DepartmentException(DepartmentException.Kind.ANSWER_TOO_LARGE, department, null,
                        "department's answer is too large: " + t.getMessage(), failure);
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return new DepartmentException(DepartmentException.Kind.TIMEOUT, department, null,
                        "department did not answer in time", failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new DepartmentException(DepartmentException.Kind.UNAVAILABLE, department, null,
                        "department cannot be reached", failure);
            }
            if (t instanceof SoapFault fault) {
                return new DepartmentException(DepartmentException.Kind.ERROR, department,
                        fault.getFaultCode() == null ? null : fault.getFaultCode().getLocalPart(),
                        "department answered with a SOAP fault: " + fault.getMessage(), failure);
            }
            if (t instanceof SOAPFaultException fault) { // how a wsdl2java client reports the department's fault
                String code = fault.getFault() == null || fault.getFault().getFaultCodeAsQName() == null ? null
                        : fault.getFault().getFaultCodeAsQName().getLocalPart();
                return new DepartmentException(DepartmentException.Kind.ERROR, department, code,
                        "department answered with a SOAP fault: " + fault.getMessage(), failure);
            }
        }
        return new DepartmentException(DepartmentException.Kind.ERROR, department, null,
                "department call failed: " + failure.getClass().getSimpleName(), failure);
    }
}
