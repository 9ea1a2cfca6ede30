package tongban.adapters.publicsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.message.MessageContentsList;
import org.springframework.stereotype.Component;
import tongban.adapters.publicsecurity.contract.HjcxRequest;
import tongban.adapters.publicsecurity.contract.HjcxResponse;
import tongban.adapters.publicsecurity.contract.RkxxPortType;
import tongban.adapters.publicsecurity.contract.SfhyRequest;
import tongban.adapters.publicsecurity.contract.SfhyResponse;
import tongban.adapters.publicsecurity.seal.YzglPortType;
import tongban.adapters.publicsecurity.seal.YzkzsqResponse;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.ServiceDefinition;

import java.util.List;

/**
 * 公安 — the public-security population service, SOAP 1.1 (contract: {@code wsdl/public-security.wsdl}), and its
 * seal-management service (contract: {@code wsdl/public-security-seal.wsdl}). One {@code direct:} route per WSDL
 * operation: identity verification (Sfhy), household lookup (Hjcx) and the seal application (Yzkzsq), whose outcome
 * the seal system later sends as a notice ({@link SealApplications}).
 */
@Component
public class PublicSecurityAdapter extends RouteBuilder implements DepartmentAdapter {

    static final String IDENTITY_VERIFICATION = "identity-verification";
    static final String HOUSEHOLD_REGISTRATION = "household-registration";

    @Override
    public String department() {
        return PublicSecurityMapper.DEPARTMENT;
    }

    @Override
    public String title() {
        return "海口市公安局";
    }

    @Override
    public String unitCode() {
        return "GAJ";
    }

    @Override
    public List<ServiceDefinition> services() {
        return List.of(
                ServiceDefinition.personRead(department(), IDENTITY_VERIFICATION, "身份核验 (name + id number check)", "idNumber"),
                ServiceDefinition.personRead(department(), HOUSEHOLD_REGISTRATION, "户籍查询 (household registration)", "idNumber"),
                new ServiceDefinition(department(), SealApplications.SERVICE, "印章刻制备案申请 (an application to engrave seals)",
                        ServiceDefinition.routeUri(department(), SealApplications.SERVICE), null, false, 0));
    }

    @Override
    public List<CallbackDefinition> callbacks() {
        return List.of(SealApplications.callback(), WorkOrderStatus.callback());
    }

    @Override
    public void configure() {
        // a failed department call is the hub's to report (one WARN with its classification), not Camel's ERROR
        errorHandler(noErrorHandler());
        CxfEndpoint population = endpoint("cxf://{{tongban.departments.public-security.url}}/rkxx/services/RkxxService"
                + "?serviceClass=" + RkxxPortType.class.getName() + "&dataFormat=POJO", CxfEndpoint.class);
        CallLimits limits = limits().in(getContext().getPropertiesComponent()::resolveProperty, department());
        population.setCxfConfigurer(new SoapTimeouts(limits.connectTimeout().toMillis(), limits.deadline().toMillis(),
                limits.maxAnswerBytes()));
        CxfEndpoint seals = endpoint("cxf://{{tongban.departments.public-security.url}}/yzgl/services/YzglService"
                + "?serviceClass=" + YzglPortType.class.getName() + "&dataFormat=POJO", CxfEndpoint.class);
        seals.setCxfConfigurer(new SoapTimeouts(limits.connectTimeout().toMillis(), limits.deadline().toMillis(),
                limits.maxAnswerBytes()));
        // each SOAP client (CXF's service model of its port type) is built by its first call, not at start-up: three of
        // them took ~0.5 s of the hub's start on the main thread, for a once-only cost to the first identity check
        population.setLazyStartProducer(true);
        seals.setLazyStartProducer(true);

        from(ServiceDefinition.routeUri(department(), IDENTITY_VERIFICATION))
                .routeId(ServiceDefinition.routeId(department(), IDENTITY_VERIFICATION))
                .process(e -> {
                    JsonNode request = e.getMessage().getBody(JsonNode.class);
                    SfhyRequest sfhy = new SfhyRequest();
                    sfhy.setXm(RequestFields.requiredText(request, "name", 50));
                    sfhy.setGmsfhm(RequestFields.requiredIdNumber(request, "idNumber"));
                    prepareCall(e, "Sfhy", sfhy);
                })
                .to(population)
                .process(e -> e.getMessage().setBody(PublicSecurityMapper.toVerification(answer(e, SfhyResponse.class))));

        from(ServiceDefinition.routeUri(department(), HOUSEHOLD_REGISTRATION))
                .routeId(ServiceDefinition.routeId(department(), HOUSEHOLD_REGISTRATION))
                .process(e -> {
                    HjcxRequest hjcx = new HjcxRequest();
                    hjcx.setGmsfhm(RequestFields.requiredIdNumber(e.getMessage().getBody(JsonNode.class), "idNumber"));
                    prepareCall(e, "Hjcx", hjcx);
                })
                .to(population)
                .process(e -> e.getMessage().setBody(PublicSecurityMapper.toHousehold(answer(e, HjcxResponse.class))));

        from(ServiceDefinition.routeUri(department(), SealApplications.SERVICE))
                .routeId(ServiceDefinition.routeId(department(), SealApplications.SERVICE))
                .process(e -> prepareCall(e, "Yzkzsq", SealApplications.request(e.getMessage().getBody(JsonNode.class),
                        e.getProperty(ServiceDefinition.REQUEST_ID_PROPERTY, String.class))))
                .to(seals)
                .process(e -> e.getMessage().setBody(SealApplications.answer(answer(e, YzkzsqResponse.class))));
    }

    /** Inbound headers never reach CXF: only the operation we chose travels with the request. */
    private static void prepareCall(Exchange exchange, String operation, Object request) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(CxfConstants.OPERATION_NAME, operation);
        message.setBody(request);
    }

    private static <T> T answer(Exchange exchange, Class<T> type) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof MessageContentsList list && !list.isEmpty()) {
            body = list.get(0);
        }
        return type.isInstance(body) ? type.cast(body) : null;
    }
}
