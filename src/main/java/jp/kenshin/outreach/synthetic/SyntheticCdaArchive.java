package jp.kenshin.outreach.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes checkup results in the standard XML form of checkup-results.md for invented people: a zip
 * archive named {@code {sender 10 digits}_{receiver 8 digits}_{YYYYMMDD}{n}_{実施区分}.zip} whose root
 * folder (the same name without {@code .zip}) holds the index file {@code ix08_V08.xml}, the summary
 * file {@code su08_V08.xml} and one HL7 CDA R2 document per checkup,
 * {@code DATA/h{sender}{YYYYMMDD}{n}{実施区分}{serial 6 digits}.xml}.
 * <p>
 * Each document has the header of a checkup document (patient with sex and birth date, author and
 * custodian, the ticket number as the {@code HLD} participant, the exam date and the institution that
 * performed the checkup in {@code documentationOf/serviceEvent}) and one section of observations by
 * JLAC10 code: numbers as {@code PQ}, the guidance level as {@code CO}, blood pressure as a group
 * whose readings are {@code entryRelationship} observations, and an item given without a value as an
 * observation with {@code negationInd="true"} (not done). The document's own {@code effectiveTime} is
 * the archive's creation date, not the exam date. Tests add broken or hostile entries with
 * {@link #addDocument(byte[])} and {@link #addEntry(String, byte[])}.
 * <p>
 * The names, numbers and dates are invented; the group header of blood pressure carries no code of its
 * own (the import reads the readings, not the group).
 */
public final class SyntheticCdaArchive {

    /** A fictitious insurer number (8 digits): the receiver of the archives and the insurer of their people. */
    public static final String INSURER = "00139999";

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * One person's checkup: ticket number (null for a document without one), birth date, sex (1, 2),
     * exam date, the institution's number (10 digits; null for the archive's sender) and the result
     * items by their names in the CSV form; an item present with a null value is written as not done.
     */
    public record Checkup(String ticket, LocalDate birthDate, int sex, LocalDate examDate, String institution,
            Map<String, String> items) {
        public Checkup {
            items = items == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(items));
        }
    }

    private record Item(String code, String unit, String display, boolean coded) {
    }

    private static final Map<String, Item> ITEMS = new LinkedHashMap<>();

    static {
        ITEMS.put("身長", new Item("9N001000000000001", "cm", "身長", false));
        ITEMS.put("体重", new Item("9N006000000000001", "kg", "体重", false));
        ITEMS.put("BMI", new Item("9N011000000000001", "kg/m2", "BMI", false));
        ITEMS.put("腹囲", new Item("9N016160100000001", "cm", "腹囲（実測）", false));
        ITEMS.put("収縮期血圧", new Item("9A751000000000001", "mmHg", "収縮期血圧（1回目）", false));
        ITEMS.put("拡張期血圧", new Item("9A761000000000001", "mmHg", "拡張期血圧（1回目）", false));
        ITEMS.put("中性脂肪", new Item("3F015000002327101", "mg/dL", "中性脂肪（トリグリセリド）", false));
        ITEMS.put("HDLコレステロール", new Item("3F070000002327101", "mg/dL", "HDLコレステロール", false));
        ITEMS.put("LDLコレステロール", new Item("3F077000002327101", "mg/dL", "LDLコレステロール", false));
        ITEMS.put("空腹時血糖", new Item("3D010000001926101", "mg/dL", "空腹時血糖", false));
        ITEMS.put("HbA1c", new Item("3D046000001906202", "%", "HbA1c（NGSP）", false));
        ITEMS.put("保健指導レベル", new Item("9N506000000000011", null, "保健指導レベル", true));
    }

    private static final List<String> BLOOD_PRESSURE = List.of("収縮期血圧", "拡張期血圧");

    private final String sender;
    private final String receiver;
    private final LocalDate created;
    private final int split;
    private final String kind;
    private final List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    private int documents;

    /** An archive of specific health checkup results (実施区分 1) from {@code sender} to {@code receiver}. */
    public SyntheticCdaArchive(String sender, String receiver, LocalDate created, int split) {
        this(sender, receiver, created, split, "1");
    }

    public SyntheticCdaArchive(String sender, String receiver, LocalDate created, int split, String kind) {
        if (!sender.matches("\\d{10}") || !receiver.matches("\\d{8}") || split < 0 || split > 9 || !kind.matches("\\d")) {
            throw new IllegalArgumentException("sender 10 digits, receiver 8 digits, split 0-9, kind 1 digit");
        }
        this.sender = sender;
        this.receiver = receiver;
        this.created = Objects.requireNonNull(created, "created");
        this.split = split;
        this.kind = kind;
    }

    /** {@code {sender}_{receiver}_{YYYYMMDD}{n}_{実施区分}.zip} */
    public String fileName() {
        return root() + ".zip";
    }

    private String root() {
        return sender + "_" + receiver + "_" + created.format(YYYYMMDD) + split + "_" + kind;
    }

    /** The file name the next document gets: {@code h{sender}{YYYYMMDD}{n}{実施区分}{serial}.xml}. */
    public String nextDocumentName() {
        return "h" + sender + created.format(YYYYMMDD) + split + kind + String.format("%06d", documents + 1) + ".xml";
    }

    /** Adds a checkup's document; returns its file name. */
    public String add(Checkup checkup) {
        return addDocument(document(checkup).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a document of the given bytes (well-formed or not) under the next document name; returns that name. */
    public String addDocument(byte[] content) {
        String name = nextDocumentName();
        documents++;
        entries.add(Map.entry(root() + "/DATA/" + name, content));
        return name;
    }

    /** Adds any entry at any path (tests: names a reader must refuse or ignore). */
    public void addEntry(String path, byte[] content) {
        entries.add(Map.entry(path, content));
    }

    public int documentCount() {
        return documents;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the archive: index, summary, then the entries in the order added. Does not close the stream. */
    public void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        put(zip, root() + "/ix08_V08.xml", index().getBytes(StandardCharsets.UTF_8));
        put(zip, root() + "/su08_V08.xml", summary().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> entry : entries) {
            put(zip, entry.getKey(), entry.getValue());
        }
        zip.finish();
        zip.flush();
    }

    private static void put(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }

    private String index() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <index xmlns="http://tokuteikenshin.jp/checkup/2007" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <interactionType code="1"/>
                  <creationTime value="%s"/>
                  <sender><id root="1.2.392.200119.6.102" extension="%s"/></sender>
                  <receiver><id root="1.2.392.200119.6.101" extension="%s"/></receiver>
                  <serviceEventType code="%s"/>
                  <totalRecordCount value="%d"/>
                </index>
                """.formatted(created.format(YYYYMMDD), sender, receiver, kind, documents);
    }

    private String summary() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <summary xmlns="http://tokuteikenshin.jp/checkup/2007" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <serviceEventType code="%s"/>
                  <totalSubjectCount value="%d"/>
                  <totalCostAmount value="0" currency="JPY"/>
                  <totalPaymentAmount value="0" currency="JPY"/>
                  <totalClaimAmount value="0" currency="JPY"/>
                </summary>
                """.formatted(kind, documents);
    }

    /** The CDA document of a checkup, as this archive writes it (its creation date is the archive's). */
    public String document(Checkup c) {
        String institution = c.institution() == null ? sender : c.institution();
        String card = c.ticket() == null ? "0000001" : c.ticket().substring(c.ticket().length() - 7);
        StringBuilder x = new StringBuilder(8 * 1024);
        x.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
                  <id root="1.2.392.200119.6.102.%1$s" extension="%2$s%3$06d"/>
                  <code code="10" codeSystem="1.2.392.200119.6.1001" displayName="特定健診情報"/>
                  <title>特定健康診査結果</title>
                  <effectiveTime value="%2$s"/>
                  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
                  <recordTarget>
                    <patientRole>
                      <id root="1.2.392.200119.6.101" extension="%4$s"/>
                      <id root="1.2.392.200119.6.204" extension="12"/>
                      <id root="1.2.392.200119.6.205" extension="%5$s"/>
                      <patient>
                        <name>ケンシン タロウ</name>
                        <administrativeGenderCode code="%6$d" codeSystem="1.2.392.200119.6.1104"/>
                        <birthTime value="%7$s"/>
                      </patient>
                    </patientRole>
                  </recordTarget>
                  <author>
                    <time value="%2$s"/>
                    <assignedAuthor>
                      <id nullFlavor="NI"/>
                      <representedOrganization>
                        <id root="1.2.392.200119.6.102" extension="%1$s"/>
                        <name>架空健診センター</name>
                      </representedOrganization>
                    </assignedAuthor>
                  </author>
                  <custodian>
                    <assignedCustodian>
                      <representedCustodianOrganization>
                        <id root="1.2.392.200119.6.102" extension="%1$s"/>
                        <name>架空健診センター</name>
                      </representedCustodianOrganization>
                    </assignedCustodian>
                  </custodian>
                """.formatted(sender, created.format(YYYYMMDD), documents + 1, INSURER, card, c.sex(),
                c.birthDate().format(YYYYMMDD)));
        if (c.ticket() != null) {
            x.append("""
                      <participant typeCode="HLD">
                        <associatedEntity classCode="IDENT">
                          <id root="1.2.392.200119.6.209" extension="%s"/>
                          <scopingOrganization>
                            <id root="1.2.392.200119.6.101" extension="%s"/>
                          </scopingOrganization>
                        </associatedEntity>
                      </participant>
                    """.formatted(escape(c.ticket()), INSURER));
        }
        x.append("""
                  <documentationOf>
                    <serviceEvent>
                      <code code="010" codeSystem="1.2.392.200119.6.1002" displayName="特定健診"/>
                      <effectiveTime value="%s"/>
                      <performer typeCode="PRF">
                        <assignedEntity>
                          <id nullFlavor="NI"/>
                          <representedOrganization>
                            <id root="1.2.392.200119.6.102" extension="%s"/>
                            <name>架空健診クリニック</name>
                          </representedOrganization>
                        </assignedEntity>
                      </performer>
                    </serviceEvent>
                  </documentationOf>
                  <component>
                    <structuredBody>
                      <component>
                        <section>
                          <code code="01010" codeSystem="1.2.392.200119.6.1010" displayName="特定健診検査・問診セクション"/>
                          <title>検査・問診結果</title>
                          <text><list>
                """.formatted(c.examDate().format(YYYYMMDD), escape(institution)));
        c.items().forEach((name, value) -> x.append("            <item>").append(escape(name)).append(' ')
                .append(value == null ? "未実施" : escape(value)).append("</item>\n"));
        x.append("          </list></text>\n");
        boolean bloodPressureWritten = false;
        for (Map.Entry<String, String> item : c.items().entrySet()) {
            if (BLOOD_PRESSURE.contains(item.getKey())) {
                if (!bloodPressureWritten) {
                    bloodPressure(x, c.items());
                    bloodPressureWritten = true;
                }
                continue;
            }
            x.append("          <entry>\n");
            observation(x, "            ", item.getKey(), item.getValue());
            x.append("          </entry>\n");
        }
        x.append("""
                        </section>
                      </component>
                    </structuredBody>
                  </component>
                </ClinicalDocument>
                """);
        return x.toString();
    }

    /** Blood pressure: one group observation whose readings are its entryRelationships. */
    private static void bloodPressure(StringBuilder x, Map<String, String> items) {
        x.append("""
                          <entry>
                            <observation classCode="OBS" moodCode="EVN">
                              <code nullFlavor="OTH" displayName="血圧"/>
                """);
        for (String name : BLOOD_PRESSURE) {
            if (items.containsKey(name)) {
                x.append("              <entryRelationship typeCode=\"COMP\">\n");
                observation(x, "                ", name, items.get(name));
                x.append("              </entryRelationship>\n");
            }
        }
        x.append("""
                            </observation>
                          </entry>
                """);
    }

    private static void observation(StringBuilder x, String indent, String name, String value) {
        Item item = ITEMS.get(name);
        if (item == null) {
            throw new IllegalArgumentException("no such result item: " + name);
        }
        x.append(indent).append("<observation classCode=\"OBS\" moodCode=\"EVN\"")
                .append(value == null ? " negationInd=\"true\"" : "").append(">\n");
        x.append(indent).append("  <code code=\"").append(item.code()).append("\" codeSystem=\"1.2.392.200119.6.1005\" displayName=\"")
                .append(item.display()).append("\"/>\n");
        if (value != null) {
            if (item.coded()) {
                x.append(indent).append("  <value xsi:type=\"CO\" code=\"").append(escape(value)).append("\"/>\n");
            } else {
                x.append(indent).append("  <value xsi:type=\"PQ\" value=\"").append(escape(value)).append("\" unit=\"")
                        .append(item.unit()).append("\"/>\n");
            }
        }
        x.append(indent).append("</observation>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
