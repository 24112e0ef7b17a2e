package jp.kenshin.outreach.results;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.Text;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads one checkup document of the standard XML form (HL7 CDA R2, namespace {@code urn:hl7-org:v3};
 * checkup-results.md) into a {@link ResultRow}, or says why it cannot. Matching the row to a person
 * comes after, as for a CSV row.
 * <p>
 * The parser is namespace-aware and refuses any DTD (so no entity is ever declared, expanded or fetched:
 * no XXE, no entity expansion bombs); external DTDs, schemas and XInclude are off too. The document is
 * read as DOM and walked by namespace and local name (the handful of header paths below; XPath would
 * build a new document model per evaluation).
 * <ul>
 * <li>ticket number: {@code participant[@typeCode='HLD']/associatedEntity/id/@extension} (11 digits)</li>
 * <li>exam date: {@code documentationOf/serviceEvent/effectiveTime/@value} ({@code low/@value} when the
 * time is a range), not the document's own {@code effectiveTime} (the date it was written)</li>
 * <li>sex and birth date: {@code recordTarget/patientRole/patient/administrativeGenderCode/@code},
 * {@code .../birthTime/@value}</li>
 * <li>institution: the {@code id} with root {@code 1.2.392.200119.6.102} (健診機関番号, 10 digits) of the
 * organisation that performed the checkup ({@code documentationOf/serviceEvent/performer/assignedEntity/
 * representedOrganization}), else of the organisation that wrote the document
 * ({@code author/assignedAuthor/representedOrganization})</li>
 * <li>result items: every {@code observation}, nested ones (the blood pressure group's
 * {@code entryRelationship}s) included, by its JLAC10 {@code code/@code}; see {@link #CODES}</li>
 * </ul>
 * The insurer number and the card symbol and number are not read: matching goes by ticket number, and
 * no purpose needs them. Reasons never quote a value of the document.
 */
final class CdaResultParser {

    static final String HL7 = "urn:hl7-org:v3";
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    static final String INSTITUTION_ROOT = "1.2.392.200119.6.102";

    /**
     * The JLAC10 codes of each result item (names as in the CSV form), in order of preference when a
     * document carries more than one: for blood pressure the representative value (その他) before the
     * second and the first reading; for HbA1c (NGSP) the methods in the order of the format.
     */
    static final Map<String, List<String>> CODES;

    static {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        codes.put("身長", List.of("9N001000000000001"));
        codes.put("体重", List.of("9N006000000000001"));
        codes.put("BMI", List.of("9N011000000000001"));
        codes.put("腹囲", List.of("9N016160100000001"));
        codes.put("収縮期血圧", List.of("9A755000000000001", "9A752000000000001", "9A751000000000001"));
        codes.put("拡張期血圧", List.of("9A765000000000001", "9A762000000000001", "9A761000000000001"));
        codes.put("中性脂肪", List.of("3F015000002327101"));
        codes.put("HDLコレステロール", List.of("3F070000002327101"));
        codes.put("LDLコレステロール", List.of("3F077000002327101"));
        codes.put("空腹時血糖", List.of("3D010000001926101"));
        codes.put("HbA1c", List.of("3D046000001906202", "3D046000001920402", "3D046000001927102", "3D046000001999902"));
        codes.put("保健指導レベル", List.of("9N506000000000011"));
        if (!List.copyOf(codes.keySet()).equals(ResultColumns.ITEMS)) {
            throw new IllegalStateException("the XML items must be the CSV form's items");
        }
        CODES = Collections.unmodifiableMap(codes);
    }

    private static final Map<String, String> ITEM_BY_CODE = new HashMap<>();

    static {
        CODES.forEach((item, codes) -> codes.forEach(code -> ITEM_BY_CODE.put(code, item)));
    }

    record Parsed(ResultRow row, List<ImportIssue> issues) {
    }

    private final DocumentBuilder builder;

    CdaResultParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            builder = factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be made safe", e);
        }
        // never print to stderr (the default does), never resolve anything
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    }

    /** The document {@code name}, the {@code ordinal}-th of its archive. */
    Parsed parse(int ordinal, String name, byte[] content) {
        List<ImportIssue> issues = new ArrayList<>(1);
        Document document;
        try {
            builder.reset();
            document = builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            issues.add(ImportIssue.rejected(ordinal, name, null, message.contains("DOCTYPE")
                    ? "DTD（DOCTYPE宣言）を含む文書は受け付けません（外部実体を読まないため）"
                    : "XMLとして読めません（" + e.getLineNumber() + "行" + e.getColumnNumber() + "文字目）"));
            return new Parsed(null, issues);
        } catch (SAXException | IOException e) {
            issues.add(ImportIssue.rejected(ordinal, name, null, "XMLとして読めません"));
            return new Parsed(null, issues);
        }
        Element root = document.getDocumentElement();
        if (!HL7.equals(root.getNamespaceURI()) || !"ClinicalDocument".equals(root.getLocalName())) {
            issues.add(ImportIssue.rejected(ordinal, name, null,
                    "HL7 CDA の文書（名前空間 urn:hl7-org:v3 の ClinicalDocument）ではありません"));
            return new Parsed(null, issues);
        }

        String ticket = ticketNumber(root);
        if (ticket.isEmpty()) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.TICKET_NUMBER,
                    "受診券整理番号（participant typeCode=HLD の associatedEntity/id）がありません"));
        } else if (ticket.length() != 11 || !Text.isDigits(ticket)) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.TICKET_NUMBER, "11桁の数字ではありません"));
        }

        Element serviceEvent = path(root, "documentationOf", "serviceEvent");
        Element examTime = path(serviceEvent, "effectiveTime");
        String examText = attribute(examTime, "value");
        if (examText.isEmpty()) {
            examText = attribute(path(examTime, "low"), "value");
        }
        LocalDate exam = date(examText);
        if (examText.isEmpty()) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.EXAM_DATE,
                    "健診実施日（documentationOf/serviceEvent/effectiveTime）がありません"));
        } else if (exam == null) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.EXAM_DATE, "YYYYMMDD形式の正しい日付ではありません"));
        }

        Element patient = path(root, "recordTarget", "patientRole", "patient");
        String birthText = attribute(path(patient, "birthTime"), "value");
        LocalDate birth = date(birthText);
        if (birthText.isEmpty()) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.BIRTH_DATE, "必須項目がありません（patient/birthTime）"));
        } else if (birth == null) {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.BIRTH_DATE, "YYYYMMDD形式の正しい日付ではありません"));
        }
        String sexText = Text.number(attribute(path(patient, "administrativeGenderCode"), "code"));
        int sex = 0;
        if (sexText.equals("1") || sexText.equals("2")) {
            sex = sexText.charAt(0) - '0';
        } else {
            issues.add(ImportIssue.rejected(ordinal, name, ResultColumns.SEX, sexText.isEmpty()
                    ? "必須項目がありません（patient/administrativeGenderCode）" : "1（男）または2（女）ではありません"));
        }

        String institution = institution(root);
        if (!institution.isEmpty() && (institution.length() != 10 || !Text.isDigits(institution))) {
            issues.add(ImportIssue.notice(ordinal, name, ResultColumns.INSTITUTION,
                    "10桁の数字ではないため、健診機関番号を登録しませんでした"));
            institution = "";
        }

        Map<String, String> items = items(root, ordinal, name, issues);
        if (issues.stream().anyMatch(i -> i.severity() == ImportIssue.Severity.REJECTED)) {
            return new Parsed(null, issues);
        }
        int resultYear = jp.kenshin.outreach.FiscalYear.of(exam);
        return new Parsed(new ResultRow(ordinal, name, resultYear, null, ticket, birth, sex, exam,
                institution.isEmpty() ? null : institution, items), issues);
    }

    private static String ticketNumber(Element root) {
        for (Element participant : children(root, "participant")) {
            if (!"HLD".equals(participant.getAttribute("typeCode"))) {
                continue;
            }
            for (Element id : children(path(participant, "associatedEntity"), "id")) {
                String extension = Text.number(id.getAttribute("extension"));
                if (!extension.isEmpty()) {
                    return extension;
                }
            }
        }
        return "";
    }

    private static String institution(Element root) {
        String performed = "";
        for (Element performer : children(path(root, "documentationOf", "serviceEvent"), "performer")) {
            performed = organisationId(path(performer, "assignedEntity", "representedOrganization"));
            if (!performed.isEmpty()) {
                return performed;
            }
        }
        for (Element author : children(root, "author")) {
            String wrote = organisationId(path(author, "assignedAuthor", "representedOrganization"));
            if (!wrote.isEmpty()) {
                return wrote;
            }
        }
        return "";
    }

    private static String organisationId(Element organisation) {
        for (Element id : children(organisation, "id")) {
            if (INSTITUTION_ROOT.equals(id.getAttribute("root").strip())) {
                return Text.number(id.getAttribute("extension"));
            }
        }
        return "";
    }

    /** The result items by name, in the CSV form's order; an item with no usable value is left out (not measured). */
    private static Map<String, String> items(Element root, int ordinal, String name, List<ImportIssue> issues) {
        Map<String, String> byCode = new HashMap<>();
        observations(root, false, byCode);
        Map<String, String> items = new LinkedHashMap<>();
        CODES.forEach((item, codes) -> {
            for (String code : codes) {
                String value = byCode.get(code);
                if (value == null) {
                    continue;
                }
                String decimal = Text.decimal(value); // the digits are capped on the text, before anything parses it
                if (decimal != null) {
                    items.put(item, decimal);
                    return;
                }
                issues.add(ImportIssue.notice(ordinal, name, item, "数値ではない（整数" + Text.MAX_INTEGER_DIGITS + "桁・小数"
                        + Text.MAX_FRACTION_DIGITS + "桁までの数字でない）ため、この項目を登録しませんでした"));
            }
        });
        return items;
    }

    /**
     * Collects the first value of every known code from the observations under {@code element}, nested
     * ones included. An observation with {@code negationInd="true"} was not done: neither it nor the
     * observations inside it give a value.
     */
    private static void observations(Element element, boolean negated, Map<String, String> byCode) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            boolean notDone = negated;
            if (HL7.equals(child.getNamespaceURI()) && "observation".equals(child.getLocalName())) {
                notDone = negated || "true".equalsIgnoreCase(child.getAttribute("negationInd").strip());
                String code = attribute(path(child, "code"), "code").strip();
                if (!notDone && ITEM_BY_CODE.containsKey(code) && !byCode.containsKey(code)) {
                    String value = value(path(child, "value"));
                    if (!value.isEmpty()) {
                        byCode.put(code, value);
                    }
                }
            }
            observations(child, notDone, byCode);
        }
    }

    /** The value of an observation by its type: PQ (and INT, REAL) the value, CD (CO, CV, CE, CS) the code, ST the text. */
    private static String value(Element value) {
        if (value == null || !value.getAttribute("nullFlavor").isEmpty()) {
            return "";
        }
        String type = value.getAttributeNS(XSI, "type").strip();
        String local = type.substring(type.indexOf(':') + 1);
        String text = switch (local) {
            case "PQ", "INT", "REAL" -> value.getAttribute("value");
            case "CD", "CO", "CV", "CE", "CS" -> value.getAttribute("code");
            case "ST" -> value.getTextContent();
            default -> !value.getAttribute("value").isEmpty() ? value.getAttribute("value")
                    : !value.getAttribute("code").isEmpty() ? value.getAttribute("code") : value.getTextContent();
        };
        return text == null ? "" : text.strip();
    }

    /** A date of an HL7 TS value: its first eight characters as YYYYMMDD (a time of day may follow); null when not a date. */
    private static LocalDate date(String value) {
        String text = Text.number(value);
        return text.length() < 8 ? null : Text.yyyymmdd(text.substring(0, 8));
    }

    private static String attribute(Element element, String name) {
        return element == null ? "" : element.getAttribute(name);
    }

    /** The first HL7 child element of each step's name, or null. */
    private static Element path(Element from, String... steps) {
        Element current = from;
        for (String step : steps) {
            if (current == null) {
                return null;
            }
            Element next = null;
            for (Node n = current.getFirstChild(); n != null && next == null; n = n.getNextSibling()) {
                if (n instanceof Element e && HL7.equals(e.getNamespaceURI()) && step.equals(e.getLocalName())) {
                    next = e;
                }
            }
            current = next;
        }
        return current;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>(2);
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && HL7.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                    found.add(e);
                }
            }
        }
        return found;
    }
}
