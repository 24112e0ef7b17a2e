package jp.kenshin.outreach.mailing;

import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The postcard's texts of a cycle and message variant, for ward staff to read and change, and the sample card the
 * card-text editor (card-texts.html) shows beside them: a synthetic card (no person's data) marked 見本, as PDF or as
 * an image of its four pages.
 */
@RestController
@RequestMapping("/api/card-templates/{fiscalYear}")
class CardTemplateController {

    private final CardTemplates templates;
    private final PostcardRenderer postcards;

    CardTemplateController(CardTemplates templates, PostcardRenderer postcards) {
        this.templates = templates;
        this.postcards = postcards;
    }

    /** The message variants the year's cards may take. */
    @GetMapping
    Set<String> variants(@PathVariable int fiscalYear) {
        return templates.variants(fiscalYear);
    }

    @GetMapping("/{variant}")
    CardTexts texts(@PathVariable int fiscalYear, @PathVariable String variant) {
        return templates.texts(fiscalYear, variant);
    }

    @PutMapping("/{variant}")
    CardTexts change(@PathVariable int fiscalYear, @PathVariable String variant, @RequestBody CardTexts texts,
            Authentication user) {
        complete(texts);
        templates.save(fiscalYear, variant, texts, user.getName());
        return templates.texts(fiscalYear, variant);
    }

    /** The sample card with the saved texts (or the defaults), as PDF. */
    @GetMapping("/{variant}/sample.pdf")
    ResponseEntity<byte[]> savedSample(@PathVariable int fiscalYear, @PathVariable String variant) {
        return pdf(fiscalYear, variant, postcards.renderSample(fiscalYear, variant, templates.texts(fiscalYear, variant)));
    }

    /** The sample card with the texts sent (not saved), as PDF. */
    @PostMapping("/{variant}/sample.pdf")
    ResponseEntity<byte[]> sample(@PathVariable int fiscalYear, @PathVariable String variant, @RequestBody CardTexts texts) {
        complete(texts);
        return pdf(fiscalYear, variant, postcards.renderSample(fiscalYear, variant, texts));
    }

    /** The sample card with the texts sent (not saved), its four pages side by side in one PNG: the editor's live proof. */
    @PostMapping("/{variant}/sample.png")
    ResponseEntity<byte[]> sampleImage(@PathVariable int fiscalYear, @PathVariable String variant, @RequestBody CardTexts texts) {
        complete(texts);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).header("Cache-Control", "no-store")
                .body(PdfPages.png(postcards.renderSample(fiscalYear, variant, texts), 2));
    }

    private static ResponseEntity<byte[]> pdf(int fiscalYear, String variant, byte[] pdf) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=sample-" + fiscalYear + ".pdf").body(pdf);
    }

    /** Every text of the card is needed: a missing one is named (in Japanese), never echoed. */
    private static void complete(CardTexts texts) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (texts == null) {
            throw new IllegalArgumentException("はがきの文面（JSON）がありません");
        }
        check(missing, texts.coverHeading(), "表紙の見出し（coverHeading）");
        check(missing, texts.greeting(), "あいさつ（greeting）");
        check(missing, texts.checkupPeriod(), "受診期間（checkupPeriod）");
        check(missing, texts.howToBook(), "予約の方法（howToBook）");
        check(missing, texts.bookingUrl(), "予約ページのURL（bookingUrl）");
        check(missing, texts.whyItMatters(), "受診をすすめる文（whyItMatters）");
        check(missing, texts.inquiryDesk(), "問い合わせ先（inquiryDesk）");
        check(missing, texts.privacyNote(), "個人情報の取扱い（privacyNote）");
        check(missing, texts.sender(), "差出人（sender）");
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("はがきの文面に空の項目があります：" + String.join("、", missing));
        }
    }

    private static void check(java.util.List<String> missing, String text, String name) {
        if (text == null || text.isBlank()) {
            missing.add(name);
        }
    }
}
