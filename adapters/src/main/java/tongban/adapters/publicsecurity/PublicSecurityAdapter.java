package tongban.adapters.publicsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import tongban.adapters.publicsecurity.contract.HjcxRequest;
import tongban.adapters.publicsecurity.contract.RkxxPortType;
import tongban.adapters.publicsecurity.contract.SfhyRequest;
import tongban.adapters.publicsecurity.seal.YzglPortType;
import tongban.adapters.publicsecurity.seal.YzkzsqRequest;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.ServiceDefinition;
import tongban.adapters.support.SoapPort;

import java.util.List;

/**
 * 公安 — the public-security population service, SOAP 1.1 (contract: {@code wsdl/public-security.wsdl}), and its
 * seal-management service (contract: {@code wsdl/public-security-seal.wsdl}), called through their wsdl2java clients
 * ({@link SoapPort}). One {@code direct:} route per WSDL operation: identity verification (Sfhy), household lookup
 * (Hjcx) and the seal application (Yzkzsq), whose outcome the seal system later sends as a notice
 * ({@link SealApplications}).
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
        String url = getContext().resolvePropertyPlaceholders("{{tongban.departments.public-security.url}}");
        CallLimits limits = limits().in(getContext().getPropertiesComponent()::resolveProperty, department());
        SoapPort<RkxxPortType> population = new SoapPort<>(RkxxPortType.class, url + "/rkxx/services/RkxxService", limits);
        SoapPort<YzglPortType> seals = new SoapPort<>(YzglPortType.class, url + "/yzgl/services/YzglService", limits);

        from(ServiceDefinition.routeUri(department(), IDENTITY_VERIFICATION))
                .routeId(ServiceDefinition.routeId(department(), IDENTITY_VERIFICATION))
                .process(e -> {
                    JsonNode request = e.getMessage().getBody(JsonNode.class);
                    SfhyRequest sfhy = new SfhyRequest();
                    sfhy.setXm(RequestFields.requiredText(request, "name", 50));
                    sfhy.setGmsfhm(RequestFields.requiredIdNumber(request, "idNumber"));
                    answer(e, PublicSecurityMapper.toVerification(population.get().sfhy(sfhy)));
                });

        from(ServiceDefinition.routeUri(department(), HOUSEHOLD_REGISTRATION))
                .routeId(ServiceDefinition.routeId(department(), HOUSEHOLD_REGISTRATION))
                .process(e -> {
                    HjcxRequest hjcx = new HjcxRequest();
                    hjcx.setGmsfhm(RequestFields.requiredIdNumber(e.getMessage().getBody(JsonNode.class), "idNumber"));
                    answer(e, PublicSecurityMapper.toHousehold(population.get().hjcx(hjcx)));
                });

        from(ServiceDefinition.routeUri(department(), SealApplications.SERVICE))
                .routeId(ServiceDefinition.routeId(department(), SealApplications.SERVICE))
                .process(e -> {
                    YzkzsqRequest yzkzsq = SealApplications.request(e.getMessage().getBody(JsonNode.class),
                            e.getProperty(ServiceDefinition.REQUEST_ID_PROPERTY, String.class));
                    answer(e, SealApplications.answer(seals.get().yzkzsq(yzkzsq)));
                });
    }

    /** The canonical answer is the whole message: no header of the inbound call travels on with it. */
    private static void answer(Exchange exchange, Object canonical) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(canonical);
    }
}
