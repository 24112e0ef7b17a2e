package jp.kenshin.outreach.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.kenshin.outreach.IntegrationTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The card as postcard.md describes it, read back from the PDF (fictitious people). */
@IntegrationTest
class PostcardRendererIT {

    @Autowired
    PostcardRenderer renderer;
    @Autowired
    CardTemplates templates;

    private static String page(PDDocument document, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document).replaceAll("[\\s\\u3000]+", "");
    }

    @Test
    void fourPagesPerCardWithNameAddressTicketEraYearAndEmbeddedFonts() throws Exception {
        List<Postcard> cards = List.of(
                new Postcard("M000001", "1700013", "東京都豊島区東池袋三丁目1番1号", "㈱山﨑ハイツ①", "髙橋 一郎", "26100000017", "default"),
                new Postcard("M000002", "1710031", "東京都豊島区目白1-7-25", "", "試験 花子", null, "default"));
        byte[] pdf = renderer.render(2026, cards);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(8);
            assertThat(page(document, 1)).contains("郵便はがき", "料金後納郵便", "東京都豊島区東池袋三丁目1番1号", "㈱山﨑ハイツ①",
                    "髙橋一郎様", "1700013", "M000001");
            assertThat(page(document, 2)).contains("親展", "個人情報が含まれています", "大切なお知らせ", "令和8年度");
            assertThat(page(document, 3)).contains("髙橋一郎様へ", "令和8年度", "26100000017", "無料");
            assertThat(page(document, 4)).contains("お問い合わせ", "消去");
            assertThat(page(document, 5)).contains("試験花子様", "東京都豊島区目白1-7-25");
            assertThat(page(document, 7)).contains("受診券をお送りします");
            String all = new PDFTextStripper().getText(document);
            assertThat(all).doesNotContain("03-1111-2222", "0311112222");
            for (var p : document.getPages()) {
                for (var name : p.getResources().getFontNames()) {
                    assertThat(p.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
        }
    }

    @Test
    void theCyclesOwnTextsReplaceTheDefaults() throws Exception {
        CardTexts defaults = templates.texts(2027, "default");
        templates.save(2027, "default", new CardTexts("受診のご案内（再送）", defaults.greeting(), defaults.checkupPeriod(),
                defaults.howToBook(), defaults.bookingUrl(), defaults.whyItMatters(), defaults.inquiryDesk(),
                defaults.privacyNote(), defaults.sender()), "ward");
        byte[] pdf = renderer.render(2027, List.of(
                new Postcard("M1", "1700013", "東京都豊島区東池袋1-1-1", "", "試験 太郎", null, "default")));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(page(document, 2)).contains("受診のご案内（再送）", "令和9年度");
        }
    }

    @Test
    void eachCardTakesTheGreetingOfItsVariant() throws Exception {
        byte[] pdf = renderer.render(2026, List.of(
                new Postcard("M1", "1700013", "東京都豊島区東池袋1-1-1", "", "試験 太郎", null, "attended-before"),
                new Postcard("M2", "1700013", "東京都豊島区東池袋1-1-2", "", "試験 次郎", null, "never-40s")));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(page(document, 3)).contains("以前に特定健康診査を受けていただきありがとうございます");
            assertThat(page(document, 7)).contains("40歳からは年に一度");
        }
    }

    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate rest;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    @Test
    void wardStaffChangeTheTextsOverRestAndOthersCannot() {
        jp.kenshin.outreach.TestUsers.ensure(identity, "cardward", "ward-staff");
        jp.kenshin.outreach.TestUsers.ensure(identity, "cardoperator", "contractor-operator");
        var ward = rest.withBasicAuth("cardward", jp.kenshin.outreach.TestUsers.password("cardward"));
        CardTexts current = ward.getForObject("/api/card-templates/2028/default", CardTexts.class);
        CardTexts changed = new CardTexts("今年も特定健診を", current.greeting(), current.checkupPeriod(), current.howToBook(),
                current.bookingUrl(), current.whyItMatters(), current.inquiryDesk(), current.privacyNote(), current.sender());
        ward.put("/api/card-templates/2028/default", changed);
        assertThat(templates.texts(2028, "default").coverHeading()).isEqualTo("今年も特定健診を");
        var operator = rest.withBasicAuth("cardoperator", jp.kenshin.outreach.TestUsers.password("cardoperator"));
        assertThat(operator.getForEntity("/api/card-templates/2028/default", String.class).getStatusCode().value()).isEqualTo(403);
    }
}
