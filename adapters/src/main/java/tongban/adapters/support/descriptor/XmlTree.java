package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.StringReader;

/**
 * An XML answer as a tree that the same pointers can walk as JSON: the root element's children become fields,
 * a repeated element becomes a list, a leaf becomes its text. Attributes are not used by any department so far.
 * DOCTYPEs are refused outright — no external entities, no entity expansion (XXE).
 */
final class XmlTree {

    private static final DocumentBuilderFactory FACTORY = factory();

    private XmlTree() {
    }

    /** @param xml the document already decoded with the department's character set */
    static JsonNode parse(String xml) throws Exception {
        DocumentBuilder builder = FACTORY.newDocumentBuilder();
        builder.setErrorHandler(null);
        Element root = builder.parse(new InputSource(new StringReader(stripDeclaration(xml)))).getDocumentElement();
        return node(root);
    }

    private static JsonNode node(Element element) {
        ObjectNode fields = null;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                if (fields == null) {
                    fields = JsonNodeFactory.instance.objectNode();
                }
                String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
                JsonNode value = node(e);
                JsonNode existing = fields.get(name);
                if (existing == null) {
                    fields.set(name, value);
                } else if (existing instanceof ArrayNode list) {
                    list.add(value);
                } else {
                    fields.set(name, JsonNodeFactory.instance.arrayNode().add(existing).add(value));
                }
            }
        }
        return fields != null ? fields : TextNode.valueOf(element.getTextContent().strip());
    }

    /** The bytes were decoded already; a declared encoding would only contradict the reader. */
    private static String stripDeclaration(String xml) {
        String text = xml.strip();
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            return end < 0 ? text : text.substring(end + 2);
        }
        return text;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory;
    }
}
